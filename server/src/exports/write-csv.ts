import { CSV_BOM, csvText, type CsvCell } from '../contract/csv.ts';

/** A CSV file to download: the byte order mark, the header, then the rows (contract/csv.ts). */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  return CSV_BOM + csvText([header]) + csvText(rows);
}
