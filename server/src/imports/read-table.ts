import { parse as parseCsv } from 'csv-parse/sync';
import JSZip from 'jszip';
import readXlsxFile from 'read-excel-file/node';
import { decodeText, type TextEncodingLabel } from './decode-text.ts';
import { reason, unreadable } from './import-errors.ts';
import type { Cell, SourceData, SourceRecord } from './import-fields.ts';
import { unpackedBytes } from './unpacked-size.ts';

// CSV and XLSX to a header and rows keyed by it. Row numbers are the spreadsheet's (header = 1
// when it is the first line); empty rows are skipped but keep their numbers.

export interface TableData extends SourceData {
  /** CSV only: the text encoding used. */
  encoding: string | null;
}

export function readCsv(bytes: Uint8Array, encoding?: TextEncodingLabel): TableData {
  const decoded = decodeText(bytes, encoding);
  if (decoded.text.trim() === '') throw unreadable('文件是空的', 'the file is empty: export the table again with its header row');
  let cells: string[][];
  try {
    cells = parseCsv(decoded.text, {
      delimiter: guessDelimiter(decoded.text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (err) {
    throw unreadable('无法读取 CSV：引号不成对或格式有误，请在 Excel 中重新“另存为 CSV”', `the CSV could not be parsed (${reason(err)}): save it again from Excel as CSV`);
  }
  return { ...toTable(cells), encoding: decoded.encoding };
}

/** Comma unless the first line has none and has tabs or semicolons (exports from some tools). */
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes('\t')) return '\t';
  if (firstLine.includes(';')) return ';';
  return ',';
}

const XLSX_PROBLEMS: Record<string, [string, string]> = {
  XLS_FILE_NOT_SUPPORTED: ['这是旧版 Excel (.xls) 文件：请在 Excel 中另存为 .xlsx 或 CSV', 'this is an old .xls workbook: save it as .xlsx or CSV'],
  FILE_NOT_SUPPORTED: ['文件不是 .xlsx 工作簿：请在 Excel 中另存为 .xlsx，或改为上传 CSV', 'the file is not an .xlsx workbook: save it as .xlsx from Excel, or upload a CSV'],
  INVALID_ZIP: ['.xlsx 文件已损坏，无法解压：请重新导出', 'the .xlsx file is damaged (not a valid zip): export it again'],
  NO_DATA: ['工作簿里没有工作表数据', 'the workbook holds no sheet data'],
};

/**
 * A workbook of 50,000 rows unpacks to a few tens of MB; the reader takes about a second for 20 MB
 * and holds the server meanwhile, so a file that unpacks beyond this is refused unread.
 */
const MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024;

export async function readXlsx(bytes: Uint8Array): Promise<TableData> {
  await refuseOversizedWorkbook(bytes);
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const known = typeof code === 'string' ? XLSX_PROBLEMS[code] : undefined;
    if (known) throw unreadable(known[0], known[1]);
    throw unreadable('无法读取 .xlsx 文件：请在 Excel 中重新保存后再试', `the .xlsx file could not be read (${reason(err)}): save it again from Excel`);
  }
  // The first sheet holds the data; later sheets (notes, lists of values) are ignored.
  const first = sheets[0];
  if (!first) throw unreadable(...XLSX_PROBLEMS.NO_DATA!);
  const cells = first.data.map((row) => row.map(toCell));
  return { ...toTable(cells), encoding: null };
}

/** Not a zip at all (an old .xls, say) is left to the reader, which says what it is. */
async function refuseOversizedWorkbook(bytes: Uint8Array): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return;
  }
  if (unpackedBytes(Object.values(zip.files), MAX_XLSX_UNPACKED_BYTES) > MAX_XLSX_UNPACKED_BYTES) {
    const mb = MAX_XLSX_UNPACKED_BYTES / 1024 / 1024;
    throw unreadable(`工作簿解压后超过 ${mb} MB，请分批导入，或另存为 CSV`, `the workbook unpacks to more than ${mb} MB: import it in parts, or save it as CSV`);
  }
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return String(value);
}

const isBlank = (cell: Cell | undefined) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/**
 * The header is the first row with two or more filled cells (a one-cell title such as
 * “XX社区党员名册” above it is skipped), or else the first non-empty row.
 */
function toTable(cells: Cell[][]): SourceData {
  const filled = (row: Cell[]) => row.filter((c) => !isBlank(c)).length;
  let headerIndex = cells.findIndex((row) => filled(row) >= 2);
  if (headerIndex === -1) headerIndex = cells.findIndex((row) => filled(row) >= 1);
  if (headerIndex === -1) return { headers: [], records: [] };

  const columns = cells[headerIndex]!.map((c) => (isBlank(c) ? '' : String(c).trim()));
  const headers: string[] = [];
  const columnOf = new Map<string, number>();
  columns.forEach((header, index) => {
    if (header === '' || columnOf.has(header)) return;
    columnOf.set(header, index);
    headers.push(header);
  });

  const records: SourceRecord[] = [];
  for (let i = headerIndex + 1; i < cells.length; i++) {
    const row = cells[i]!;
    if (filled(row) === 0) continue;
    const values = new Map<string, Cell>();
    for (const [header, index] of columnOf) values.set(header, row[index] ?? null);
    records.push({ row: i + 1, values });
  }
  return { headers, records };
}
