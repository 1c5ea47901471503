import type { CoverageGrid } from '../../api/getCoverageGrids';
import { csvText, downloadHref } from '../../ui/csv';
import type { CoverageT } from './strings';

/** The per-grid table as CSV text with headers in the UI language (no BOM). */
export function gridsCsv(grids: readonly CoverageGrid[], t: CoverageT): string {
  const header = [
    t('colCode'),
    t('colName'),
    t('colCommunity'),
    t('colMembers'),
    t('colFormal'),
    t('colProbationary'),
    t('colFloating'),
    t('colOrgs'),
    t('colHasBranch'),
    t('colHouseholds'),
    t('colPopulation'),
    t('colPer100'),
    t('colDistance'),
  ];
  const rows = grids.map((g) => [
    g.code,
    g.name,
    g.communityCode,
    g.members,
    g.formal,
    g.probationary,
    g.floating,
    g.partyOrgs,
    g.hasBranch ? t('yes') : t('no'),
    g.households,
    g.population,
    g.membersPer100Households,
    g.nearestStationMeters === null ? null : Math.round(g.nearestStationMeters),
  ]);
  return csvText([header, ...rows]);
}

export function downloadDataUrl(dataUrl: string, filename: string): void {
  downloadHref(dataUrl, filename);
}

/** `覆盖分析-320213-20261127.csv`: region and date, so saved files sort and do not clash. */
export function exportName(region: string, ext: string): string {
  const d = new Date();
  const ymd = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
  return `覆盖分析-${region}-${ymd}.${ext}`;
}
