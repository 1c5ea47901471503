import type { CoverageGrid } from '../../api/getCoverageGrids';
import { PU_BU, YL_GN_BU, YL_OR_BR } from '../../map/palettes';
import type { CoverageKey } from './strings';

export { HEAT_PALETTE, NO_DATA_COLOR } from '../../map/palettes';

export type MetricId = 'per100' | 'members' | 'floating' | 'distance';

export interface MetricDef {
  id: MetricId;
  label: CoverageKey;
  unit: CoverageKey;
  value: (g: CoverageGrid) => number | null;
  /** ColorBrewer sequential palette, light (low) to dark (high). */
  palette: readonly string[];
  digits: number;
}

export const METRICS: readonly MetricDef[] = [
  { id: 'per100', label: 'metricPer100', unit: 'unitPer100', value: (g) => g.membersPer100Households, palette: YL_GN_BU, digits: 1 },
  { id: 'members', label: 'metricMembers', unit: 'unitPeople', value: (g) => g.members, palette: PU_BU, digits: 0 },
  { id: 'floating', label: 'metricFloating', unit: 'unitPeople', value: (g) => g.floating, palette: PU_BU, digits: 0 },
  { id: 'distance', label: 'metricDistance', unit: 'unitMeters', value: (g) => g.nearestStationMeters, palette: YL_OR_BR, digits: 0 },
];

export function metricById(id: MetricId): MetricDef {
  return METRICS.find((m) => m.id === id) ?? METRICS[0]!;
}

/**
 * Quantile class breaks (upper bounds of the first n−1 classes), rounded to the metric's digits
 * and deduplicated, so a skewed distribution still uses the palette.
 */
export function quantileBreaks(values: number[], classes: number, digits: number): number[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const f = 10 ** digits;
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / classes))]!;
    const r = Math.round(v * f) / f;
    if (breaks.length === 0 || r > breaks[breaks.length - 1]!) breaks.push(r);
  }
  if (breaks.length > 0 && breaks[breaks.length - 1]! >= sorted[sorted.length - 1]!) breaks.pop();
  return breaks;
}

/** Index of the class a value falls into: `value < breaks[i]` → i, else breaks.length. */
export function classOf(value: number, breaks: readonly number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]!) i++;
  return i;
}

/** Spreads a palette over fewer classes, keeping its lightest and darkest ends. */
export function paletteFor(palette: readonly string[], classes: number): string[] {
  if (classes <= 1) return [palette[Math.floor(palette.length / 2)]!];
  return Array.from({ length: classes }, (_, i) => palette[Math.round((i * (palette.length - 1)) / (classes - 1))]!);
}

export function formatNumber(value: number | null | undefined, digits: number, lang: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatShare(share: number | null | undefined, lang: string): string {
  if (share === null || share === undefined) return '—';
  return (share * 100).toLocaleString(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) + '%';
}
