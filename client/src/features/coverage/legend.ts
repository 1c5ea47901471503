import type { CoverageGrid } from '../../api/getCoverageGrids';
import type { CoverageHeatmap } from '../../api/getCoverageHeatmap';
import type { ChoroplethState } from '../../map/overlays/CoverageLayers';
import { HEAT_PALETTE, classOf, formatNumber, paletteFor, quantileBreaks, type MetricDef } from './metrics';

export interface Choropleth {
  breaks: number[];
  colors: string[];
  states: ChoroplethState[];
  hasNoData: boolean;
}

/** Each grid's class for the metric, with the breaks and colours the legend shows. */
export function choroplethOf(grids: readonly CoverageGrid[], metric: MetricDef): Choropleth {
  const values = grids.map(metric.value).filter((v): v is number => v !== null);
  const breaks = quantileBreaks(values, metric.palette.length, metric.digits);
  const colors = paletteFor(metric.palette, breaks.length + 1);
  const states = grids.map((g): ChoroplethState => {
    const v = metric.value(g);
    return { id: String(g.id), cls: v === null ? -1 : classOf(v, breaks), hasBranch: g.hasBranch };
  });
  return { breaks, colors, states, hasNoData: values.length < grids.length };
}

export function heatBreaksOf(heatmap: CoverageHeatmap | undefined): number[] {
  if (!heatmap) return [];
  return quantileBreaks(
    heatmap.cells.features.map((f) => f.properties.count),
    HEAT_PALETTE.length,
    0,
  );
}

/** A legend row: `< 3`, `3 – < 5`, `≥ 5` (from `min` up for the first class when given). */
export function rangeLabel(breaks: readonly number[], i: number, digits: number, lang: string, min?: number): string {
  const f = (v: number) => formatNumber(v, digits, lang);
  const lo = i === 0 ? min : breaks[i - 1];
  const hi = breaks[i];
  if (breaks.length === 0) return min !== undefined ? `≥ ${f(min)}` : '';
  if (hi === undefined) return `≥ ${f(lo!)}`;
  if (lo === undefined) return `< ${f(hi)}`;
  return `${f(lo)} – < ${f(hi)}`;
}
