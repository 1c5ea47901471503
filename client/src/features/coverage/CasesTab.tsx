import { useEffect, useMemo, useState } from 'react';
import type { CasePointProperties, GridScore } from '../../api/getCaseStats';
import { commonText } from '../../i18n/common';
import { useT, type Text } from '../../i18n/useT';
import { useSession } from '../../ui/session';
import { useScopeView } from '../../ui/useScopeView';
import './cases.css';
import { CaseMapSection, statusLabel, type CaseMapView } from './CaseMapSection';
import { scoreById, scoreChoropleth, type ScoreId } from './caseScores';
import { CaseScoreTable } from './CaseScoreTable';
import { caseText, type CaseTextKey } from './caseStrings';
import { CaseTrendChart } from './CaseTrendChart';
import { CoverageTabBar } from './CoverageTabs';
import { LoadFailed } from './CoverageStatus';
import { formatNumber, formatShare } from './metrics';
import { CaseDensitySection } from './PublicCaseDensity';
import { PERIOD_DAYS, periodDates, useCaseLayers, useCasePoints, useCaseScorecard, useCaseTrend, type PeriodDays } from './useCaseStats';
import { useCoverageLayers, useZoomToGrid } from './useCoverageMap';

const PERIOD_LABELS: Record<PeriodDays, CaseTextKey> = { 30: 'period30', 90: 'period90', 365: 'period365' };

/** A case's popup on the map: code, status, category and grid; nothing personal. */
function casePopup(text: Text<CaseTextKey>) {
  return (p: CasePointProperties): HTMLElement => {
    const box = document.createElement('div');
    const lines = [
      `${p.categoryName} · ${text.t(statusLabel(p.status))}${p.overdue ? ` · ${text.t('overdue')}` : ''}`,
      text.t('popupCode', { code: p.code }),
      text.t('popupGrid', { grid: p.gridName }),
    ];
    for (const [i, line] of lines.entries()) {
      const el = document.createElement(i === 0 ? 'strong' : 'div');
      el.textContent = line;
      box.append(el);
    }
    return box;
  };
}

/** 覆盖分析 › 民情: how each grid of the account's region answers residents' cases (督查考核). */
export function CasesTab() {
  const text = useT(caseText);
  const { t, lang } = text;
  const common = useT(commonText);
  useScopeView();
  const { user } = useSession();
  const region = user?.regionCode ?? '';
  const regionName = user?.regionName ?? '';
  const [days, setDays] = useState<PeriodDays>(90);
  const period = useMemo(() => periodDates(days), [days]);
  const scorecard = useCaseScorecard(region, period);
  const points = useCasePoints(region, period);
  const trend = useCaseTrend(region);

  const [showPoints, setShowPoints] = useState(true);
  const [showScore, setShowScore] = useState(true);
  const [scoreId, setScoreId] = useState<ScoreId>('closedOnTimeRate');
  const view: CaseMapView = { showPoints, setShowPoints, showScore, setShowScore, scoreId, setScoreId };
  const score = scoreById(scoreId);
  const choropleth = useMemo(() => scoreChoropleth(scorecard.data?.grids ?? [], score), [scorecard.data, score]);

  const gridLayers = useCoverageLayers();
  const [describe] = useState(() => casePopup(text));
  const caseLayers = useCaseLayers(describe);
  const zoomTo = useZoomToGrid();
  useEffect(() => {
    if (!gridLayers) return;
    gridLayers.setGrids(choropleth.states);
    gridLayers.setClassColors(choropleth.colors);
  }, [gridLayers, choropleth]);
  useEffect(() => gridLayers?.setChoroplethVisible(showScore), [gridLayers, showScore]);
  useEffect(() => caseLayers?.setCases(points.data ?? null, showPoints), [caseLayers, points.data, showPoints]);

  const onSelect = (g: GridScore) => {
    gridLayers?.setSelected(String(g.gridId));
    const features = points.data?.features.filter((f) => f.properties.gridCode === g.gridCode) ?? [];
    if (features.length > 0) {
      const xs = features.map((f) => f.geometry.coordinates[0]!);
      const ys = features.map((f) => f.geometry.coordinates[1]!);
      zoomTo([Math.min(...xs) - 0.002, Math.min(...ys) - 0.002, Math.max(...xs) + 0.002, Math.max(...ys) + 0.002]);
    }
  };

  const card = scorecard.data;
  const empty = card !== undefined && card.totals.cases === 0 && (points.data?.total ?? 0) === 0;

  return (
    <div className="workspace-panel-content coverage-page cases-page">
      <h1>{common.t('coverage.title')}</h1>
      <CoverageTabBar />
      <h2 className="cases-heading">{t('heading')}</h2>
      <label className="coverage-field">
        <span>{t('period')}</span>
        <select value={days} onChange={(e) => setDays(Number(e.target.value) as PeriodDays)} data-testid="cases-period">
          {PERIOD_DAYS.map((d) => (
            <option key={d} value={d}>
              {t(PERIOD_LABELS[d])}
            </option>
          ))}
        </select>
      </label>
      <p className="coverage-note">{t('periodNote', { from: period.from, to: period.to })}</p>

      {scorecard.isPending && (
        <p className="coverage-loading" role="status">
          <span className="cases-spinner" aria-hidden="true" />
          {t('loading')}
        </p>
      )}
      {scorecard.isError && <LoadFailed error={scorecard.error} onRetry={() => void scorecard.refetch()} />}
      {empty && (
        <div className="empty-state" data-testid="cases-empty">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyText', { region: regionName })}</p>
          <p className="empty-note">{t('emptyHint')}</p>
        </div>
      )}
      {card && !empty && (
        <>
          <section className="coverage-section" aria-labelledby="cases-kpi-heading">
            <h2 id="cases-kpi-heading" className="cases-sr-only">{t('heading')}</h2>
            <dl className="coverage-kpis" data-testid="cases-kpis">
              <Kpi label={t('kpiCases')} value={formatNumber(card.totals.cases, 0, lang)} />
              <Kpi label={t('kpiAccepted')} value={formatShare(card.totals.acceptedOnTimeRate, lang)} />
              <Kpi label={t('kpiClosed')} value={formatShare(card.totals.closedOnTimeRate, lang)} />
              <Kpi label={t('kpiSatisfaction')} value={formatShare(card.totals.satisfactionRate, lang)} />
              <Kpi label={t('kpiOverdue')} value={formatNumber(card.totals.overdueNow, 0, lang)} unit={t('kpiOverdueUnit')} />
            </dl>
          </section>
          <CaseMapSection view={view} score={score} choropleth={choropleth} />
          {points.data && points.data.total > points.data.features.length && (
            <p className="coverage-note">{t('pointsTruncated', { shown: points.data.features.length, total: points.data.total })}</p>
          )}
          {trend.data && <CaseTrendChart trend={trend.data} />}
          <CaseScoreTable card={card} onSelect={onSelect} />
        </>
      )}
      <CaseDensitySection />
    </div>
  );
}

function Kpi({ label, value, unit }: { label: string; value: string; unit?: string }) {
  return (
    <div className="coverage-kpi">
      <dt>{label}</dt>
      <dd>
        <span className="coverage-kpi-value">{value}</span>
        {unit && <span className="coverage-kpi-unit"> {unit}</span>}
      </dd>
    </div>
  );
}
