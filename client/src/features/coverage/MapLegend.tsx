import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { CoverageHeatmap } from '../../api/getCoverageHeatmap';
import type { StationReach } from '../../api/getStationReach';
import { useT } from '../../i18n/useT';
import { useMapController } from '../../map/MapContext';
import { Loading } from './CoverageStatus';
import { rangeLabel, type Choropleth } from './legend';
import { HEAT_PALETTE, NO_DATA_COLOR, paletteFor, type MetricDef } from './metrics';
import { coverageText } from './strings';
import type { CoverageView } from './useCoverageView';

/** The legend of the coverage layers shown, over the map's lower right corner (above the scale). */
export function MapLegend({
  view,
  metric,
  choropleth,
  heatmap,
  heatBreaks,
  reach,
  sizeLegend,
}: {
  view: CoverageView;
  metric: MetricDef;
  choropleth: Choropleth;
  heatmap: UseQueryResult<CoverageHeatmap>;
  heatBreaks: readonly number[];
  reach: StationReach | null;
  /** 网格规模's legend, in place of the metric's while that layer colours the grids. */
  sizeLegend?: ReactNode;
}) {
  const { t } = useT(coverageText);
  const controller = useMapController();
  const target = controller?.map.getContainer().parentElement ?? null;
  if (!target) return null;
  return createPortal(
    <section className="coverage-map-legend map-overlay" aria-label={t('mapLegend')} data-testid="coverage-map-legend">
      {sizeLegend ?? <ChoroplethLegend choropleth={choropleth} metric={metric} highlightNoBranch={view.highlightNoBranch} />}
      {view.showHeatmap && <HeatmapLegend heatmap={heatmap} breaks={heatBreaks} />}
      {view.showUncovered && reach && (
        <p className="coverage-legend-row">
          <span className={`coverage-swatch ${view.showChoropleth ? 'coverage-swatch-dashed' : 'coverage-swatch-hatch'}`} aria-hidden="true" />
          {t('legendUncovered', { radius: reach.radiusMeters })}
        </p>
      )}
    </section>,
    target,
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
