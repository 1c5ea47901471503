import { useI18n } from '../../i18n/I18nProvider';
import { EmptyState } from '../../ui/EmptyState';

/** 覆盖分析 for leaders; choropleth, heatmap and KPIs come with sign-in in later issues. */
export function CoveragePage() {
  const { t } = useI18n();
  return <EmptyState title={t('coverage.title')} description={t('coverage.empty')} note={t('coverage.signIn')} />;
}
