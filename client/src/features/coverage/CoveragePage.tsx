import { useMemo, type ReactNode } from 'react';
import type { CoverageGrid } from '../../api/getCoverageGrids';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';
import { useSession } from '../../ui/session';
import { SignInRequired } from '../../ui/SignInRequired';
import { useScopeView } from '../../ui/useScopeView';
import './coverage.css';
import { balanceChoropleth } from './balance';
import { BalanceLegend } from './BalanceLegend';
import { BalanceSection } from './BalanceTable';
import { CasesTab } from './CasesTab';
import { CoverageTabBar, CoverageTabsProvider, useCoverageTab } from './CoverageTabs';
import { KpiSkeleton, LoadFailed, TableSkeleton } from './CoverageStatus';
import { ExportSection } from './ExportSection';
import { GridDetail } from './GridDetail';
import { GridTable } from './GridTable';
import { Kpis } from './Kpis';
import { choroplethOf, heatBreaksOf } from './legend';
import { MapLayersSection } from './MapLayersSection';
import { MapLegend } from './MapLegend';
import { PublicCaseDensity } from './PublicCaseDensity';
import { metricById } from './metrics';
import { ReachSection } from './ReachSection';
import type { ShownLayers } from './sheetContent';
import { coverageText } from './strings';
import { Suggestions } from './Suggestions';
import { useCoverageBalance, useCoverageGrids, useCoverageHeatmap, useCoverageSummary, useStationReach } from './useCoverageData';
import { useCoverageLayers, useCoverageMapSync, useDistrictBbox } from './useCoverageMap';
import { useCoverageView } from './useCoverageView';
import { useBalanceFigure } from './useBalanceFigure';
import { useGridFocus } from './useGridFocus';

/** 覆盖分析 for leaders (planners and admins may look too): aggregates only, never a person. */
export function CoveragePage() {
  const { t } = useT(commonText);
  return (
    <CoverageTabsProvider>
      <SignInRequired roles={['leader', 'planner', 'admin']} title={t('coverage.title')} description={t('coverage.empty')}>
        <CoverageTabContent />
      </SignInRequired>
      <PublicCaseDensity />
    </CoverageTabsProvider>
  );
}

/** 党员覆盖 or 民情 (leaders and admins). */
function CoverageTabContent() {
  return useCoverageTab() === 'cases' ? <CasesTab /> : <CoverageWorkspace />;
}

function CoveragePanel({ children }: { children: ReactNode }) {
  const common = useT(commonText);
  return (
    <div className="workspace-panel-content coverage-page">
      <h1>{common.t('coverage.title')}</h1>
      <CoverageTabBar />
      {children}
    </div>
  );
}

/** The region's grid numbers first: without them there is nothing to grade, table or export. */
function CoverageWorkspace() {
  const { t } = useT(coverageText);
  // The map opens on the account's own street or community, not the whole district.
  useScopeView();
  const { user } = useSession();
  const region = user?.regionCode ?? '';
  const regionName = user?.regionName ?? '';
  const grids = useCoverageGrids(region);

  if (grids.isPending) {
    return (
      <CoveragePanel>
        <KpiSkeleton text={t('loading')} />
        <TableSkeleton />
      </CoveragePanel>
    );
  }
  if (grids.isError) {
    return (
      <CoveragePanel>
        <LoadFailed error={grids.error} onRetry={() => void grids.refetch()} />
      </CoveragePanel>
    );
  }
  if (grids.data.length === 0) {
    return (
      <CoveragePanel>
        <div className="empty-state" data-testid="coverage-empty">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyText', { region: regionName })}</p>
        </div>
      </CoveragePanel>
    );
  }
  return <CoverageReport grids={grids.data} region={region} regionName={regionName} />;
}

function CoverageReport({ grids, region, regionName }: { grids: readonly CoverageGrid[]; region: string; regionName: string }) {
  const view = useCoverageView();
  const layers = useCoverageLayers();
  const districtBbox = useDistrictBbox();
  const summary = useCoverageSummary(region, view.radius);
  const heatmap = useCoverageHeatmap(region, districtBbox);
  const reach = useStationReach(region, view.radius);
  const balance = useCoverageBalance(region, view.showBalance);

  const metric = metricById(view.metricId);
  const choropleth = useMemo(() => choroplethOf(grids, metric), [grids, metric]);
  const heatBreaks = useMemo(() => heatBreaksOf(heatmap.data), [heatmap.data]);
  // 网格规模 takes the grids' fill while it is on (joined to the tiles by id, like the metric).
  const hasBranch = useMemo(() => new Map(grids.map((g) => [g.id, g.hasBranch])), [grids]);
  const sizeChoropleth = useMemo(() => (view.showBalance && balance.data ? balanceChoropleth(balance.data, hasBranch) : null), [view.showBalance, balance.data, hasBranch]);
  useCoverageMapSync(layers, {
    choropleth: sizeChoropleth ?? choropleth,
    showChoropleth: view.showChoropleth || sizeChoropleth !== null,
    highlightNoBranch: view.highlightNoBranch,
    selectedId: view.selectedId,
    heatmap: heatmap.data ?? null,
    heatBreaks,
    showHeatmap: view.showHeatmap,
    reach: reach.data ?? null,
    showUncovered: view.showUncovered,
  });

  const sizeFigure = useBalanceFigure(balance.data, view.showBalance);
  const focus = useGridFocus(layers, grids, view, metric, sizeFigure);
  const shown: ShownLayers = { view, metric, choropleth, heatmap: heatmap.data ?? null, heatBreaks, reach: reach.data ?? null };

  return (
    <CoveragePanel>
      <Kpis summary={summary} regionName={regionName} />
      <MapLayersSection view={view} />
      <MapLegend
        view={view}
        metric={metric}
        choropleth={choropleth}
        heatmap={heatmap}
        heatBreaks={heatBreaks}
        reach={reach.data ?? null}
        sizeLegend={view.showBalance ? <BalanceLegend grids={balance.data} /> : null}
      />
      {focus.selected && <GridDetail grid={focus.selected} onClose={focus.close} />}
      {view.showBalance && <BalanceSection balance={balance} selectedId={view.selectedId} onSelect={focus.chooseInTable} />}
      <ReachSection view={view} reach={reach} />
      <Suggestions region={region} radius={view.radius} layers={layers} />
      <ExportSection region={region} regionName={regionName} layers={layers} shown={shown} />
      <GridTable grids={grids} selectedId={view.selectedId} onSelect={focus.chooseInTable} />
    </CoveragePanel>
  );
}
