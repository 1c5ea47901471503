// CSV files the browser makes (coverage table, import problem lists, templates): RFC 4180
// quoting, CRLF, a UTF-8 BOM so Excel reads Chinese, and text cells that a spreadsheet would run
// as a formula (= + - @ at the start) defused with a leading apostrophe.

type Cell = string | number | null;

function field(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

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
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  downloadHref(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
