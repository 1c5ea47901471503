import type { CoverageGrid } from '../../api/getCoverageGrids';
import { formatNumber, type MetricDef } from './metrics';
import type { CoverageT } from './strings';

/**
 * A grid's popup on the map: its name, the indicator the map is coloured by, and its Party
 * figures (no households' or grid leader's details: this is about coverage).
 */
export function gridPopupContent(grid: CoverageGrid, metric: MetricDef, t: CoverageT, lang: string): HTMLElement {
  const root = document.createElement('div');
  root.className = 'coverage-popup-body';
  root.dataset['testid'] = 'coverage-popup';
  const title = document.createElement('strong');
  title.textContent = grid.name;
  root.append(title);
  const rows: [string, string, boolean][] = [
    [t(metric.label), `${formatNumber(metric.value(grid), metric.digits, lang)} ${t(metric.unit)}`, true],
    [t('colMembers'), t('popupMembers', {
      members: formatNumber(grid.members, 0, lang),
      formal: formatNumber(grid.formal, 0, lang),
      probationary: formatNumber(grid.probationary, 0, lang),
    }), false],
    [t('colFloating'), formatNumber(grid.floating, 0, lang), false],
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
