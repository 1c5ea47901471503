export type CsvCell = string | number | boolean | null | undefined;

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

/**
 * A whole CSV document: UTF-8 byte order mark (so Excel in a Chinese locale does not read it as
 * GBK), CRLF line ends and RFC 4180 quoting.
 */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
