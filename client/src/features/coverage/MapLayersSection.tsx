import { useT } from '../../i18n/useT';
import { balanceText } from './balanceStrings';
import { METRICS, type MetricId } from './metrics';
import { coverageText } from './strings';
import type { CoverageView } from './useCoverageView';

/** 地图图层: the graded grids and the member heatmap (their legend is on the map, MapLegend). */
export function MapLayersSection({ view }: { view: CoverageView }) {
  const { t } = useT(coverageText);
  const size = useT(balanceText);
  return (
    <section className="coverage-section" aria-labelledby="coverage-map-heading">
      <h2 id="coverage-map-heading">{t('mapHeading')}</h2>
      <label className="coverage-check">
        <input type="checkbox" checked={view.showChoropleth} onChange={(e) => view.setShowChoropleth(e.target.checked)} />
        {t('showChoropleth')}
      </label>
      <label className="coverage-field">
        <span>{t('metric')}</span>
        <select value={view.metricId} disabled={view.showBalance} onChange={(e) => view.setMetricId(e.target.value as MetricId)} data-testid="coverage-metric">
          {METRICS.map((m) => (
            <option key={m.id} value={m.id}>
              {t(m.label)}
            </option>
          ))}
        </select>
      </label>
      <label className="coverage-check">
        <input type="checkbox" checked={view.showBalance} onChange={(e) => view.setShowBalance(e.target.checked)} data-testid="coverage-balance-toggle" />
        {size.t('layer')}
      </label>
      {view.showBalance && <p className="coverage-note">{size.t('layerNote')}</p>}
      <label className="coverage-check">
        <input
          type="checkbox"
          checked={view.highlightNoBranch}
          onChange={(e) => view.setHighlightNoBranch(e.target.checked)}
        />
        {t('highlightNoBranch')}
      </label>

      <label className="coverage-check">
        <input
          type="checkbox"
          checked={view.showHeatmap}
          onChange={(e) => view.setShowHeatmap(e.target.checked)}
          data-testid="coverage-heatmap-toggle"
        />
        {t('showHeatmap')}
      </label>
    </section>
  );
}
