import type { CoverageGrid } from '../../api/getCoverageGrids';
import type { CoverageT } from './strings';

/** One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The per-grid table as CSV text with headers in the UI language (no BOM). */
export function gridsCsv(grids: readonly CoverageGrid[], ct: CoverageT): string {
  const header = [
    ct('colCode'),
    ct('colName'),
    ct('colCommunity'),
    ct('colMembers'),
    ct('colFormal'),
    ct('colProbationary'),
    ct('colFloating'),
    ct('colOrgs'),
    ct('colHasBranch'),
    ct('colHouseholds'),
    ct('colPopulation'),
    ct('colPer100'),
    ct('colDistance'),
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
    g.hasBranch ? ct('yes') : ct('no'),
    g.households,
    g.population,
    g.membersPer100Households,
    g.nearestStationMeters === null ? null : Math.round(g.nearestStationMeters),
  ]);
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

function download(href: string, filename: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Saves the CSV with a UTF-8 BOM so Excel reads the Chinese headers correctly. */
export function downloadCsv(csv: string, filename: string): void {
  const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  download(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadDataUrl(dataUrl: string, filename: string): void {
  download(dataUrl, filename);
}

/** `覆盖分析-320213-20261127.csv`: region and date, so saved files sort and do not clash. */
export function exportName(region: string, ext: string): string {
  const d = new Date();
  const ymd = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
  return `覆盖分析-${region}-${ymd}.${ext}`;
}
