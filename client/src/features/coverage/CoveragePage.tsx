import { useEffect, useMemo, useState } from 'react';
import { getCoverageGrids, type CoverageGrid } from '../../api/getCoverageGrids';
import { getCoverageHeatmap } from '../../api/getCoverageHeatmap';
import { getCoverageSummary } from '../../api/getCoverageSummary';
import { getStationReach } from '../../api/getStationReach';
import { getSuggestedStations, type SuggestedStations } from '../../api/getSuggestedStations';
import { isAbort } from '../../api/http';
import type { BBox } from '../../api/types';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';
import { useMapController } from '../../map/MapContext';
import { useSession } from '../../ui/session';
import { SignInRequired } from '../../ui/SignInRequired';
import './coverage.css';
import { CoverageLayers, type ChoroplethState } from '../../map/overlays/CoverageLayers';
import { downloadCsv } from '../../ui/csv';
import { downloadDataUrl, exportName, gridsCsv } from './exportFiles';
import {
  HEAT_PALETTE,
  METRICS,
  NO_DATA_COLOR,
  classOf,
  formatNumber,
  formatShare,
  metricById,
  paletteFor,
  quantileBreaks,
  type MetricId,
} from './metrics';
import { useCoverageStrings, type CoverageT } from './strings';
import { useLoad, type Loadable } from './useCoverageData';

const RADII = [500, 1000, 1500] as const;
/** Cells the server keeps pre-binned: 250 m for a district or smaller, 1 km for a whole city. */
const heatCellMeters = (regionCode: string) => (regionCode.length <= 4 ? 1000 : 250);
const TABLE_ROWS = 200;

/** 覆盖分析 for leaders (planners and admins may look too): aggregates only, never a person. */
export function CoveragePage() {
  const { t } = useT(commonText);
  return (
    <SignInRequired roles={['leader', 'planner', 'admin']} title={t('coverage.title')} description={t('coverage.empty')}>
      <CoverageWorkspace />
    </SignInRequired>
  );
}

/**
 * Per-grid numbers only: the map draws the grids from the shell's vector tiles and joins these
 * on by id, so opening the district-wide view downloads no grid geometry.
 */
async function loadGrids(signal: AbortSignal): Promise<CoverageGrid[]> {
  return (await getCoverageGrids(undefined, signal)).grids;
}

function CoverageWorkspace() {
  const { t } = useT(commonText);
  const { ct, lang } = useCoverageStrings();
  const session = useSession();
  const controller = useMapController();
  const region = session.user?.regionCode ?? '';
  const regionName = session.user?.regionName ?? '';

  const [metricId, setMetricId] = useState<MetricId>('per100');
  const [showChoropleth, setShowChoropleth] = useState(true);
  const [highlightNoBranch, setHighlightNoBranch] = useState(false);
  // Off at first: over the choropleth the hexagons hide the grid colours and the stations.
  const [showHeatmap, setShowHeatmap] = useState(false);
  const [radius, setRadius] = useState<number>(1000);
  const [showUncovered, setShowUncovered] = useState(true);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [layers, setLayers] = useState<CoverageLayers | null>(null);
  // The heatmap asks for the district's box; the server keeps to the user's region within it.
  const [districtBbox, setDistrictBbox] = useState<BBox | null>(null);

  const [grids, reloadGrids] = useLoad(region || null, loadGrids);
  const [summary, reloadSummary] = useLoad(region ? `${region}:${radius}` : null, (signal) =>
    getCoverageSummary({ radiusMeters: radius }, signal),
  );
  const heatBbox = grids.status === 'ready' ? districtBbox : null;
  const [heatmap] = useLoad(heatBbox ? heatBbox.join(',') : null, (signal) =>
    getCoverageHeatmap({ bbox: heatBbox!, cellMeters: heatCellMeters(region) }, signal),
  );
  const [reach] = useLoad(region ? `${region}:${radius}` : null, (signal) => getStationReach({ radiusMeters: radius }, signal));

  useEffect(() => {
    if (!controller) return;
    let live = true;
    void controller.whenDistrict().then((bbox) => {
      if (live) setDistrictBbox(bbox);
    });
    return () => {
      live = false;
    };
  }, [controller]);

  // The map layers live as long as the page.
  useEffect(() => {
    if (!controller) return;
    let created: CoverageLayers | null = null;
    let cancelled = false;
    void controller.whenReady().then(() => {
      if (cancelled) return;
      created = new CoverageLayers(controller.map);
      setLayers(created);
    });
    return () => {
      cancelled = true;
      created?.destroy();
      setLayers(null);
    };
  }, [controller]);

  useEffect(() => layers?.onGridClick(setSelectedId), [layers]);

  const metric = metricById(metricId);
  const choropleth = useMemo(() => {
    if (grids.status !== 'ready') return null;
    const values = grids.data.map(metric.value).filter((v): v is number => v !== null);
    const breaks = quantileBreaks(values, metric.palette.length, metric.digits);
    const colors = paletteFor(metric.palette, breaks.length + 1);
    const states = grids.data.map((g): ChoroplethState => {
      const v = metric.value(g);
      return { id: String(g.id), cls: v === null ? -1 : classOf(v, breaks), hasBranch: g.hasBranch };
    });
    return { breaks, colors, states, hasNoData: values.length < grids.data.length };
  }, [grids, metric]);

  useEffect(() => {
    if (!layers || !choropleth) return;
    layers.setGrids(choropleth.states);
    layers.setClassColors(choropleth.colors);
  }, [layers, choropleth]);
  useEffect(() => layers?.setChoroplethVisible(showChoropleth), [layers, showChoropleth]);
  useEffect(() => layers?.setNoBranchHighlight(highlightNoBranch), [layers, highlightNoBranch]);
  useEffect(() => layers?.setSelected(selectedId), [layers, selectedId]);

  const heatBreaks = useMemo(() => {
    if (heatmap.status !== 'ready') return [];
    return quantileBreaks(
      heatmap.data.cells.features.map((f) => f.properties.count),
      HEAT_PALETTE.length,
      0,
    );
  }, [heatmap]);
  useEffect(() => {
    layers?.setHeatmap(heatmap.status === 'ready' ? heatmap.data : null, heatBreaks, showHeatmap);
  }, [layers, heatmap, heatBreaks, showHeatmap]);
  useEffect(() => {
    layers?.setUncovered(reach.status === 'ready' ? reach.data : null, showUncovered);
  }, [layers, reach, showUncovered]);

  if (grids.status === 'idle' || grids.status === 'loading') {
    return (
      <div className="workspace-panel-content coverage-page">
        <h1>{t('coverage.title')}</h1>
        <p className="coverage-loading" role="status">
          <span className="coverage-spinner" aria-hidden="true" />
          {ct('loading')}
        </p>
      </div>
    );
  }
  if (grids.status === 'error') {
    return (
      <div className="workspace-panel-content coverage-page">
        <h1>{t('coverage.title')}</h1>
        <div className="coverage-error" role="alert">
          <p>{ct('error', { message: grids.message })}</p>
          <button type="button" className="secondary-button" onClick={reloadGrids}>
            {ct('retry')}
          </button>
        </div>
      </div>
    );
  }
  const stats = grids.data;
  if (stats.length === 0) {
    return (
      <div className="workspace-panel-content coverage-page">
        <h1>{t('coverage.title')}</h1>
        <div className="empty-state" data-testid="coverage-empty">
          <h2>{ct('emptyTitle')}</h2>
          <p>{ct('emptyText', { region: regionName })}</p>
        </div>
      </div>
    );
  }

  const selected = selectedId ? stats.find((g) => String(g.id) === selectedId) ?? null : null;

  return (
    <div className="workspace-panel-content coverage-page">
      <h1>{t('coverage.title')}</h1>

      <Kpis summary={summary} reload={reloadSummary} regionName={regionName} ct={ct} lang={lang} />

      <section className="coverage-section" aria-labelledby="coverage-map-heading">
        <h2 id="coverage-map-heading">{ct('mapHeading')}</h2>
        <label className="coverage-check">
          <input type="checkbox" checked={showChoropleth} onChange={(e) => setShowChoropleth(e.target.checked)} />
          {ct('showChoropleth')}
        </label>
        <label className="coverage-field">
          <span>{ct('metric')}</span>
          <select value={metricId} onChange={(e) => setMetricId(e.target.value as MetricId)} data-testid="coverage-metric">
            {METRICS.map((m) => (
              <option key={m.id} value={m.id}>
                {ct(m.label)}
              </option>
            ))}
          </select>
        </label>
        <label className="coverage-check">
          <input type="checkbox" checked={highlightNoBranch} onChange={(e) => setHighlightNoBranch(e.target.checked)} />
          {ct('highlightNoBranch')}
        </label>
        {choropleth && (
          <div className="coverage-legend" data-testid="coverage-legend">
            <p className="coverage-legend-title">
              {ct('legendTitle', { metric: ct(metric.label), unit: ct(metric.unit) })}
            </p>
            <ul>
              {choropleth.colors.map((color, i) => (
                <li key={color + String(i)}>
                  <span className="coverage-swatch" style={{ background: color }} aria-hidden="true" />
                  {rangeLabel(choropleth.breaks, i, metric.digits, lang)}
                </li>
              ))}
              {choropleth.hasNoData && (
                <li>
                  <span className="coverage-swatch" style={{ background: NO_DATA_COLOR }} aria-hidden="true" />
                  {ct('legendNoData')}
                </li>
              )}
              {highlightNoBranch && (
                <li>
                  <span className="coverage-swatch coverage-swatch-outline" aria-hidden="true" />
                  {ct('legendNoBranch')}
                </li>
              )}
            </ul>
          </div>
        )}

        <label className="coverage-check">
          <input
            type="checkbox"
            checked={showHeatmap}
            onChange={(e) => setShowHeatmap(e.target.checked)}
            data-testid="coverage-heatmap-toggle"
          />
          {ct('showHeatmap')}
        </label>
        {showHeatmap && heatmap.status === 'loading' && (
          <p className="coverage-loading" role="status">
            <span className="coverage-spinner" aria-hidden="true" />
            {ct('heatmapLoading')}
          </p>
        )}
        {showHeatmap && heatmap.status === 'error' && <p role="alert">{ct('error', { message: heatmap.message })}</p>}
        {showHeatmap && heatmap.status === 'ready' && (
          <div className="coverage-legend" data-testid="coverage-heat-legend" data-cells={heatmap.data.cells.features.length}>
            <p className="coverage-legend-title">{ct('heatmapLegend')}</p>
            <ul>
              {paletteFor(HEAT_PALETTE, heatBreaks.length + 1).map((color, i) => (
                <li key={color + String(i)}>
                  <span className="coverage-swatch" style={{ background: color }} aria-hidden="true" />
                  {rangeLabel(heatBreaks, i, 0, lang, heatmap.data.minCount)}
                </li>
              ))}
            </ul>
            <p className="coverage-note" data-testid="coverage-heat-note">
              {ct('heatmapNote', { min: heatmap.data.minCount, hidden: heatmap.data.suppressed })}
              {' · '}
              {ct('heatmapCell', { cell: heatmap.data.cellMeters })}
            </p>
          </div>
        )}
      </section>

      {selected && <GridDetail grid={selected} ct={ct} lang={lang} onClose={() => setSelectedId(null)} />}

      <section className="coverage-section" aria-labelledby="coverage-reach-heading">
        <h2 id="coverage-reach-heading">{ct('reachHeading')}</h2>
        <label className="coverage-field">
          <span>{ct('radius')}</span>
          <select value={radius} onChange={(e) => setRadius(Number(e.target.value))} data-testid="coverage-radius">
            {RADII.map((r) => (
              <option key={r} value={r}>
                {ct('radiusOption', { radius: r })}
              </option>
            ))}
          </select>
        </label>
        {reach.status === 'loading' && (
          <p className="coverage-loading" role="status">
            <span className="coverage-spinner" aria-hidden="true" />
            {ct('reachLoading')}
          </p>
        )}
        {reach.status === 'error' && <p role="alert">{ct('error', { message: reach.message })}</p>}
        {reach.status === 'ready' && (
          <ul className="coverage-reach" data-testid="coverage-reach">
            <li>
              {ct('reachMembers', {
                share: formatShare(reach.data.membersWithinReachShare, lang),
                reached: formatNumber(reach.data.reachedMembers, 0, lang),
                total: formatNumber(reach.data.members, 0, lang),
              })}
            </li>
            <li>
              {ct('reachHouseholds', {
                share: formatShare(reach.data.householdsWithinReachShare, lang),
                reached: formatNumber(reach.data.reachedHouseholds, 0, lang),
                total: formatNumber(reach.data.households, 0, lang),
              })}
            </li>
          </ul>
        )}
        <label className="coverage-check">
          <input type="checkbox" checked={showUncovered} onChange={(e) => setShowUncovered(e.target.checked)} />
          <span className="coverage-swatch coverage-swatch-hatch" aria-hidden="true" />
          {ct('showUncovered')}
        </label>
      </section>

      <Suggestions radius={radius} layers={layers} ct={ct} lang={lang} />

      <section className="coverage-section" aria-labelledby="coverage-export-heading">
        <h2 id="coverage-export-heading">{ct('exportHeading')}</h2>
        <div className="coverage-buttons">
          <button
            type="button"
            className="secondary-button"
            onClick={() => downloadCsv(gridsCsv(stats, ct), exportName(region, 'csv'))}
          >
            {ct('exportCsv')}
          </button>
          <button
            type="button"
            className="secondary-button"
            disabled={!layers}
            onClick={() => void layers?.capturePng().then((url) => downloadDataUrl(url, exportName(region, 'png')))}
          >
            {ct('exportPng')}
          </button>
        </div>
      </section>

      <GridTable grids={stats} selectedId={selectedId} onSelect={setSelectedId} ct={ct} lang={lang} />
    </div>
  );
}

function rangeLabel(breaks: readonly number[], i: number, digits: number, lang: string, min?: number): string {
  const f = (v: number) => formatNumber(v, digits, lang);
  const lo = i === 0 ? min : breaks[i - 1];
  const hi = breaks[i];
  if (breaks.length === 0) return min !== undefined ? `≥ ${f(min)}` : '';
  if (hi === undefined) return `≥ ${f(lo!)}`;
  if (lo === undefined) return `< ${f(hi)}`;
  return `${f(lo)} – < ${f(hi)}`;
}

function Kpis({
  summary,
  reload,
  regionName,
  ct,
  lang,
}: {
  summary: Loadable<Awaited<ReturnType<typeof getCoverageSummary>>>;
  reload: () => void;
  regionName: string;
  ct: CoverageT;
  lang: string;
}) {
  if (summary.status === 'idle' || summary.status === 'loading')
    return (
      <p className="coverage-loading" role="status">
        <span className="coverage-spinner" aria-hidden="true" />
        {ct('loading')}
      </p>
    );
  if (summary.status === 'error')
    return (
      <div className="coverage-error" role="alert">
        <p>{ct('error', { message: summary.message })}</p>
        <button type="button" className="secondary-button" onClick={reload}>
          {ct('retry')}
        </button>
      </div>
    );
  const s = summary.data;
  const items: { key: string; label: string; value: string; unit: string; note?: string }[] = [
    { key: 'grids', label: ct('kpiGrids'), value: formatNumber(s.grids, 0, lang), unit: ct('unitGrids') },
    { key: 'gridsWithBranch', label: ct('kpiGridsWithBranch'), value: formatNumber(s.gridsWithBranch, 0, lang), unit: ct('unitGrids') },
    {
      key: 'gridsWithoutMembers',
      label: ct('kpiGridsWithoutMembers'),
      value: formatNumber(s.gridsWithoutMembers, 0, lang),
      unit: ct('unitGrids'),
    },
    { key: 'members', label: ct('kpiMembers'), value: formatNumber(s.members, 0, lang), unit: ct('unitPeople') },
    { key: 'floating', label: ct('kpiFloating'), value: formatNumber(s.floatingMembers, 0, lang), unit: ct('unitPeople') },
    { key: 'per100', label: ct('kpiPer100'), value: formatNumber(s.membersPer100Households, 1, lang), unit: ct('unitPer100') },
    {
      key: 'membersReach',
      label: ct('kpiMembersReach'),
      value: formatShare(s.membersWithinReachShare, lang),
      unit: '',
      note: ct('withinRadius', { radius: s.radiusMeters }),
    },
    {
      key: 'householdsReach',
      label: ct('kpiHouseholdsReach'),
      value: formatShare(s.householdsWithinReachShare, lang),
      unit: '',
      note: ct('withinRadius', { radius: s.radiusMeters }),
    },
    {
      key: 'meanDistance',
      label: ct('kpiMeanDistance'),
      value: formatNumber(s.meanDistanceToStationMeters, 0, lang),
      unit: ct('unitMeters'),
    },
  ];
  return (
    <section className="coverage-section" aria-labelledby="coverage-kpi-heading">
      <h2 id="coverage-kpi-heading">{ct('kpiHeading', { region: regionName })}</h2>
      <dl className="coverage-kpis" data-testid="coverage-kpis">
        {items.map((k) => (
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

function GridDetail({ grid, ct, lang, onClose }: { grid: CoverageGrid; ct: CoverageT; lang: string; onClose: () => void }) {
  const rows: [string, string][] = [
    [ct('colCode'), grid.code],
    [ct('colMembers'), formatNumber(grid.members, 0, lang)],
    [ct('colFormal'), formatNumber(grid.formal, 0, lang)],
    [ct('colProbationary'), formatNumber(grid.probationary, 0, lang)],
    [ct('colFloating'), formatNumber(grid.floating, 0, lang)],
    [ct('colOrgs'), formatNumber(grid.partyOrgs, 0, lang)],
    [ct('colHasBranch'), grid.hasBranch ? ct('yes') : ct('no')],
    [ct('colHouseholds'), formatNumber(grid.households, 0, lang)],
    [ct('colPopulation'), formatNumber(grid.population, 0, lang)],
    [ct('colPer100'), formatNumber(grid.membersPer100Households, 1, lang)],
    [ct('colDistance'), formatNumber(grid.nearestStationMeters, 0, lang)],
  ];
  return (
    <section className="coverage-section coverage-detail" aria-labelledby="coverage-detail-heading" data-testid="coverage-detail">
      <div className="coverage-detail-head">
        <h2 id="coverage-detail-heading">
          {ct('detailHeading')}：{grid.name}
        </h2>
        <button type="button" className="secondary-button" onClick={onClose} aria-label={ct('detailClose')}>
          ×
        </button>
      </div>
      <dl className="coverage-detail-list">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Suggestions({ radius, layers, ct, lang }: { radius: number; layers: CoverageLayers | null; ct: CoverageT; lang: string }) {
  const [count, setCount] = useState(3);
  const [state, setState] = useState<Loadable<SuggestedStations>>({ status: 'idle' });
  const [controller, setController] = useState<AbortController | null>(null);

  // A new radius makes earlier suggestions stale.
  useEffect(() => {
    setState({ status: 'idle' });
  }, [radius]);
  useEffect(() => () => controller?.abort(), [controller]);
  useEffect(() => {
    if (!layers) return;
    const sites = state.status === 'ready' ? state.data.sites : [];
    layers.setSites(sites, (n, site) =>
      `${ct('siteLabel', { n })}：${site.gridName}，${ct('suggestGain', { adds: site.addsMembers, share: formatShare(site.shareAfter, lang) })}`,
    );
    return () => layers.setSites([], () => '');
  }, [layers, state, ct, lang]);

  const run = () => {
    controller?.abort();
    const c = new AbortController();
    setController(c);
    setState({ status: 'loading' });
    getSuggestedStations({ count, radiusMeters: radius }, c.signal).then(
      (data) => setState({ status: 'ready', data }),
      (err: unknown) => {
        if (isAbort(err)) return;
        setState({ status: 'error', message: err instanceof Error ? err.message : String(err) });
      },
    );
  };

  return (
    <section className="coverage-section" aria-labelledby="coverage-suggest-heading">
      <h2 id="coverage-suggest-heading">{ct('suggestHeading')}</h2>
      <div className="coverage-buttons">
        <label className="coverage-field">
          <span>{ct('suggestCount')}</span>
          <select value={count} onChange={(e) => setCount(Number(e.target.value))}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary-button" onClick={run} disabled={state.status === 'loading'}>
          {ct('suggestButton')}
        </button>
      </div>
      {state.status === 'loading' && (
        <p className="coverage-loading" role="status">
          <span className="coverage-spinner" aria-hidden="true" />
          {ct('suggestRunning')}
        </p>
      )}
      {state.status === 'error' && <p role="alert">{ct('error', { message: state.message })}</p>}
      {state.status === 'ready' && (
        <div data-testid="coverage-suggestions">
          <p>{ct('suggestBefore', { share: formatShare(state.data.shareBefore, lang) })}</p>
          {state.data.sites.length === 0 ? (
            <p>{ct('suggestNone')}</p>
          ) : (
            <ol className="coverage-sites">
              {state.data.sites.map((s) => (
                <li key={`${s.gridId}-${s.lng}-${s.lat}`}>
                  <strong>{s.gridName}</strong>（{s.gridCode}）
                  <br />
                  {ct('suggestGain', { adds: formatNumber(s.addsMembers, 0, lang), share: formatShare(s.shareAfter, lang) })}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}

type SortKey = 'code' | 'members' | 'floating' | 'membersPer100Households' | 'nearestStationMeters';

function GridTable({
  grids,
  selectedId,
  onSelect,
  ct,
  lang,
}: {
  grids: readonly CoverageGrid[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  ct: CoverageT;
  lang: string;
}) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'code', desc: false });
  const rows = useMemo(() => {
    const q = filter.trim();
    const kept = q ? grids.filter((g) => g.name.includes(q) || g.code.includes(q)) : [...grids];
    const dir = sort.desc ? -1 : 1;
    kept.sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * dir;
    });
    return kept;
  }, [grids, filter, sort]);

  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="coverage-sort"
        title={ct('sortBy')}
        onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'code' }))}
      >
        {label}
      </button>
    </th>
  );

  return (
    <details className="coverage-section coverage-table-wrap">
      <summary>{ct('tableHeading', { count: grids.length })}</summary>
      <input
        type="search"
        className="coverage-filter"
        placeholder={ct('tableFilter')}
        aria-label={ct('tableFilter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <div className="coverage-table-scroll">
        <table className="coverage-table" data-testid="coverage-table">
          <thead>
            <tr>
              {header('code', ct('colName'))}
              {header('members', ct('colMembers'))}
              {header('floating', ct('colFloating'))}
              {header('membersPer100Households', ct('colPer100'))}
              {header('nearestStationMeters', ct('colDistance'))}
              <th scope="col">{ct('colHasBranch')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, TABLE_ROWS).map((g) => (
              <tr key={String(g.id)} className={String(g.id) === selectedId ? 'is-selected' : undefined}>
                <th scope="row">
                  <button type="button" className="coverage-row-link" onClick={() => onSelect(String(g.id))}>
                    {g.name}
                  </button>
                  <span className="coverage-code">{g.code}</span>
                </th>
                <td>{formatNumber(g.members, 0, lang)}</td>
                <td>{formatNumber(g.floating, 0, lang)}</td>
                <td>{formatNumber(g.membersPer100Households, 1, lang)}</td>
                <td>{formatNumber(g.nearestStationMeters, 0, lang)}</td>
                <td>{g.hasBranch ? ct('yes') : ct('no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > TABLE_ROWS && <p className="coverage-note">{ct('tableMore', { shown: TABLE_ROWS, total: rows.length })}</p>}
    </details>
  );
}
