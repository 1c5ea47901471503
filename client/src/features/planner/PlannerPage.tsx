import { useI18n } from '../../i18n/I18nProvider';
import { EmptyState } from '../../ui/EmptyState';

/** 网格规划 for planners; drawing and editing tools come with sign-in in later issues. */
export function PlannerPage() {
  const { t } = useI18n();
  return <EmptyState title={t('planner.title')} description={t('planner.empty')} note={t('planner.signIn')} />;
}
