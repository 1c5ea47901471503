import type { UseQueryResult } from '@tanstack/react-query';
import type { CoverageSummary } from '../../api/getCoverageSummary';
import { useT } from '../../i18n/useT';
import { KpiSkeleton, LoadFailed } from './CoverageStatus';
import { formatNumber, formatShare } from './metrics';
import { coverageText, type CoverageT } from './strings';

interface Kpi {
  key: string;
  label: string;
  value: string;
  unit: string;
  note?: string;
}

function kpisOf(s: CoverageSummary, t: CoverageT, lang: string): Kpi[] {
  const count = (n: number) => formatNumber(n, 0, lang);
  const withinRadius = t('withinRadius', { radius: s.radiusMeters });
  return [
    { key: 'grids', label: t('kpiGrids'), value: count(s.grids), unit: t('unitGrids') },
    { key: 'gridsWithBranch', label: t('kpiGridsWithBranch'), value: count(s.gridsWithBranch), unit: t('unitGrids') },
    { key: 'gridsWithoutMembers', label: t('kpiGridsWithoutMembers'), value: count(s.gridsWithoutMembers), unit: t('unitGrids') },
    { key: 'members', label: t('kpiMembers'), value: count(s.members), unit: t('unitPeople') },
    { key: 'floating', label: t('kpiFloating'), value: count(s.floatingMembers), unit: t('unitPeople') },
    { key: 'per100', label: t('kpiPer100'), value: formatNumber(s.membersPer100Households, 1, lang), unit: t('unitPer100') },
    {
      key: 'membersReach',
      label: t('kpiMembersReach'),
      value: formatShare(s.membersWithinReachShare, lang),
      unit: '',
      note: withinRadius,
    },
    {
      key: 'householdsReach',
      label: t('kpiHouseholdsReach'),
      value: formatShare(s.householdsWithinReachShare, lang),
      unit: '',
      note: withinRadius,
    },
    {
      key: 'meanDistance',
      label: t('kpiMeanDistance'),
      value: formatNumber(s.meanDistanceToStationMeters, 0, lang),
      unit: t('unitMeters'),
    },
  ];
}

/** The region's headline numbers for the chosen service radius. */
export function Kpis({ summary, regionName }: { summary: UseQueryResult<CoverageSummary>; regionName: string }) {
  const { t, lang } = useT(coverageText);
  if (summary.isPending) return <KpiSkeleton text={t('loading')} />;
  if (summary.isError) return <LoadFailed error={summary.error} onRetry={() => void summary.refetch()} />;
  return (
    <section className="coverage-section" aria-labelledby="coverage-kpi-heading">
      <h2 id="coverage-kpi-heading">{t('kpiHeading', { region: regionName })}</h2>
      <dl className="coverage-kpis" data-testid="coverage-kpis">
        {kpisOf(summary.data, t, lang).map((k) => (
          <div key={k.key} className="coverage-kpi" data-kpi={k.key}>
            <dt>{k.label}</dt>
            <dd>
              <span className="coverage-kpi-value">{k.value}</span>
              {k.unit && <span className="coverage-kpi-unit"> {k.unit}</span>}
              {k.note && <span className="coverage-kpi-note">{k.note}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
