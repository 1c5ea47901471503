import type { CoverageGrid } from '../../api/getCoverageGrids';
import { formatNumber, METRICS, type MetricDef } from './metrics';
import type { CoverageT } from './strings';

/** One figure of the popup: the indicator's name and its value with the unit. */
function figure(grid: CoverageGrid, metric: MetricDef, t: CoverageT, lang: string): string {
  const value = `${formatNumber(metric.value(grid), metric.digits, lang)} ${t(metric.unit)}`;
  if (metric.id !== 'members') return value;
  return t('popupMembers', { value, formal: formatNumber(grid.formal, 0, lang), probationary: formatNumber(grid.probationary, 0, lang) });
}

/**
 * A grid's popup on the map: its name, the indicator the map is coloured by (first, in bold),
 * then the other coverage figures; no households' or grid leader's details. While 网格规模 colours
 * the map, its figure (`size`: label and value) comes first instead.
 */
export function gridPopupContent(grid: CoverageGrid, metric: MetricDef, t: CoverageT, lang: string, size?: [string, string] | null): HTMLElement {
  const root = document.createElement('div');
  root.className = 'coverage-popup-body';
  const title = document.createElement('strong');
  title.textContent = grid.name;
  root.append(title);
  const ordered = [metric, ...METRICS.filter((m) => m.id !== metric.id)];
  const rows: [string, string, boolean][] = [
    ...(size ? [[size[0], size[1], true] as [string, string, boolean]] : []),
    ...ordered.map((m): [string, string, boolean] => [t(m.label), figure(grid, m, t, lang), !size && m.id === metric.id]),
    [t('colHasBranch'), grid.hasBranch ? t('yes') : t('no'), false],
  ];
  const list = document.createElement('dl');
  for (const [k, v, main] of rows) {
    const row = document.createElement('div');
    if (main) row.className = 'is-metric';
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    row.append(dt, dd);
    list.append(row);
  }
  root.append(list);
  return root;
}
