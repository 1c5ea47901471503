import { useI18n } from '../../i18n/I18nProvider';
import { EmptyState } from '../../ui/EmptyState';
import { SignInRequired } from '../../ui/SignInRequired';

/** 覆盖分析 for leaders; choropleth, heatmap and KPIs come in later issues. */
export function CoveragePage() {
  const { t } = useI18n();
  return (
    <SignInRequired roles={['leader']} title={t('coverage.title')} description={t('coverage.empty')}>
      <EmptyState title={t('coverage.title')} description={t('coverage.empty')} note={t('coverage.soon')} />
    </SignInRequired>
  );
}
