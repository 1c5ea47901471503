import { downloadHref } from '../../ui/csv';

export function downloadDataUrl(dataUrl: string, filename: string): void {
  downloadHref(dataUrl, filename);
}

/** `覆盖分析-320213-20261127.png`: region and date, so saved files sort and do not clash. */
export function exportName(region: string, ext: string): string {
  const d = new Date();
  const ymd = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
  return `覆盖分析-${region}-${ymd}.${ext}`;
}
