import type { UseQueryResult } from '@tanstack/react-query';
import type { CoverageHeatmap } from '../../api/getCoverageHeatmap';
import { useT } from '../../i18n/useT';
import { Loading } from './CoverageStatus';
import { rangeLabel, type Choropleth } from './legend';
import { HEAT_PALETTE, METRICS, NO_DATA_COLOR, paletteFor, type MetricDef, type MetricId } from './metrics';
import { coverageText } from './strings';
import type { CoverageView } from './useCoverageView';

/** 地图图层: the graded grids with their legend, and the member heatmap. */
export function MapLayersSection({
  view,
  metric,
  choropleth,
  heatmap,
  heatBreaks,
}: {
  view: CoverageView;
  metric: MetricDef;
  choropleth: Choropleth;
  heatmap: UseQueryResult<CoverageHeatmap>;
  heatBreaks: readonly number[];
}) {
  const { t } = useT(coverageText);
  return (
    <section className="coverage-section" aria-labelledby="coverage-map-heading">
      <h2 id="coverage-map-heading">{t('mapHeading')}</h2>
      <label className="coverage-check">
        <input type="checkbox" checked={view.showChoropleth} onChange={(e) => view.setShowChoropleth(e.target.checked)} />
        {t('showChoropleth')}
      </label>
      <label className="coverage-field">
        <span>{t('metric')}</span>
        <select value={view.metricId} onChange={(e) => view.setMetricId(e.target.value as MetricId)} data-testid="coverage-metric">
          {METRICS.map((m) => (
            <option key={m.id} value={m.id}>
              {t(m.label)}
            </option>
          ))}
        </select>
      </label>
      <label className="coverage-check">
        <input
          type="checkbox"
          checked={view.highlightNoBranch}
          onChange={(e) => view.setHighlightNoBranch(e.target.checked)}
        />
        {t('highlightNoBranch')}
      </label>
      <ChoroplethLegend choropleth={choropleth} metric={metric} highlightNoBranch={view.highlightNoBranch} />

      <label className="coverage-check">
        <input
          type="checkbox"
          checked={view.showHeatmap}
          onChange={(e) => view.setShowHeatmap(e.target.checked)}
          data-testid="coverage-heatmap-toggle"
        />
        {t('showHeatmap')}
      </label>
      {view.showHeatmap && <HeatmapLegend heatmap={heatmap} breaks={heatBreaks} />}
    </section>
  );
}

function ChoroplethLegend({
  choropleth,
  metric,
  highlightNoBranch,
}: {
  choropleth: Choropleth;
  metric: MetricDef;
  highlightNoBranch: boolean;
}) {
  const { t, lang } = useT(coverageText);
  return (
    <div className="coverage-legend" data-testid="coverage-legend">
      <p className="coverage-legend-title">{t('legendTitle', { metric: t(metric.label), unit: t(metric.unit) })}</p>
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
            {t('legendNoData')}
          </li>
        )}
        {highlightNoBranch && (
          <li>
            <span className="coverage-swatch coverage-swatch-outline" aria-hidden="true" />
            {t('legendNoBranch')}
          </li>
        )}
      </ul>
    </div>
  );
}

function HeatmapLegend({ heatmap, breaks }: { heatmap: UseQueryResult<CoverageHeatmap>; breaks: readonly number[] }) {
  const { t, lang } = useT(coverageText);
  if (heatmap.isLoading) return <Loading text={t('heatmapLoading')} />;
  if (heatmap.isError) return <p role="alert">{t('error', { message: heatmap.error.message })}</p>;
  if (!heatmap.data) return null;
  const data = heatmap.data;
  return (
    <div className="coverage-legend" data-testid="coverage-heat-legend" data-cells={data.cells.features.length}>
      <p className="coverage-legend-title">{t('heatmapLegend')}</p>
      <ul>
        {paletteFor(HEAT_PALETTE, breaks.length + 1).map((color, i) => (
          <li key={color + String(i)}>
            <span className="coverage-swatch" style={{ background: color }} aria-hidden="true" />
            {rangeLabel(breaks, i, 0, lang, data.minCount)}
          </li>
        ))}
      </ul>
      <p className="coverage-note" data-testid="coverage-heat-note">
        {t('heatmapNote', { min: data.minCount, hidden: data.suppressed })}
        {' · '}
        {t('heatmapCell', { cell: data.cellMeters })}
      </p>
    </div>
  );
}
