// The one CSV writer, for the server's exports and the files the browser makes (coverage table,
// import problem lists, templates): RFC 4180 quoting, CRLF line ends, and text a spreadsheet
// would run as a formula defused. Part of the contract: no server dependencies, so the client
// bundles it too.

export type CsvCell = string | number | boolean | null | undefined;

/** Put before a CSV file's text so Excel in a Chinese locale reads it as UTF-8, not GBK. */
export const CSV_BOM = '\uFEFF';

/** Text Excel would run as a formula (OWASP "CSV injection"): = + - @, and tab or CR before them. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain negative number (a longitude west of Greenwich) is data, not a formula. */
const PLAIN_NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

/** One RFC 4180 field: formula-looking text gets a leading apostrophe, then quoting where needed. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NEGATIVE_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV text, each line ended by CRLF (no byte order mark: see CSV_BOM). */
export function csvText(rows: Iterable<readonly CsvCell[]>): string {
  let text = '';
  for (const row of rows) text += `${row.map(csvField).join(',')}\r\n`;
  return text;
}
