// Saving the CSV files the browser makes (coverage table, import problem lists, templates); the
// text comes from the one CSV writer both sides use (server/src/contract/csv.ts).
import { CSV_BOM } from '../../../server/src/contract/csv.ts';

export { csvText } from '../../../server/src/contract/csv.ts';

/** Saves a link target under a file name, as a click on a download link would. */
export function downloadHref(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Saves CSV text with a UTF-8 BOM. */
export function downloadCsv(csv: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([CSV_BOM, csv], { type: 'text/csv;charset=utf-8' }));
  downloadHref(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
