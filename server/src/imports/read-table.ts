import { parse as parseCsv } from 'csv-parse/sync';
import JSZip from 'jszip';
import readXlsxFile from 'read-excel-file/node';
import { decodeText, type TextEncodingLabel } from './decode-text.ts';
import { HttpError } from '../http/errors.ts';
import { reason, unreadable } from './import-errors.ts';
import type { Cell, SourceData, SourceRecord } from './import-fields.ts';
import { unpackedBytes } from './unpacked-size.ts';

// CSV and XLSX to a header and rows keyed by it. Row numbers are the spreadsheet's (header = 1
// when it is the first line); empty rows are skipped but keep their numbers. Of a workbook, one
// sheet is read: the one asked for, or the first whose header row fits the kind imported.

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

export interface WorkbookData extends TableData {
  /** The sheet read, by name. */
  sheet: string;
}

export interface SheetChoice {
  /** Asked for: a sheet's name, or its number from 1; undefined → the first sheet whose header `recognised` accepts. */
  sheet?: string | undefined;
  /** Whether a header row is one of the kind being imported. */
  recognised: (headers: readonly string[]) => boolean;
}

export async function readXlsx(bytes: Uint8Array, choice: SheetChoice): Promise<WorkbookData> {
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
  if (sheets.length === 0) throw unreadable(...XLSX_PROBLEMS.NO_DATA!);
  const tables = sheets.map((s) => ({ sheet: s.sheet, ...toTable(s.data.map((row) => row.map(toCell))) }));
  const picked = choice.sheet === undefined ? firstRecognised(tables, choice.recognised) : namedSheet(tables, choice.sheet);
  if (picked.records.length === 0) throw noRowsOnSheet(picked.sheet, tables);
  return { ...picked, encoding: null };
}

type SheetTable = SourceData & { sheet: string };

/** The first sheet whose header row is of this kind; else the first with any rows (its problems then say which columns are missing). */
function firstRecognised(tables: SheetTable[], recognised: SheetChoice['recognised']): SheetTable {
  return tables.find((t) => t.records.length > 0 && recognised(t.headers)) ?? tables.find((t) => t.records.length > 0) ?? tables[0]!;
}

/** A sheet by its name, or by its number from 1 when no sheet has that name. */
function namedSheet(tables: SheetTable[], asked: string): SheetTable {
  const wanted = asked.trim();
  const byName = tables.find((t) => t.sheet.trim() === wanted);
  if (byName) return byName;
  const number = /^\d+$/.test(wanted) ? Number(wanted) : NaN;
  const byNumber = tables[number - 1];
  if (byNumber) return byNumber;
  throw new HttpError(
    422,
    'NO_ROWS',
    `工作簿里没有工作表“${wanted}”；请填写工作表的名称或序号（从 1 起）：${sheetList(tables)} (the workbook has no sheet "${wanted}": give a sheet name or number from 1: ${sheetList(tables)})`,
  );
}

function noRowsOnSheet(sheet: string, tables: SheetTable[]): HttpError {
  const others = tables.filter((t) => t.sheet !== sheet && t.records.length > 0);
  const hint = others.length > 0
    ? { zh: `数据在其他工作表时请选择工作表：${sheetList(tables)}`, en: `pick the sheet that holds the data: ${sheetList(tables)}` }
    : { zh: '请确认第一行是列名、下面是数据', en: 'check that the first row holds the column names and data follows' };
  return new HttpError(422, 'NO_ROWS', `工作表“${sheet}”里没有数据；${hint.zh} (sheet "${sheet}" has no rows: ${hint.en})`);
}

/** 1. 说明、2. 站点: the sheets as a person picks them. */
const sheetList = (tables: SheetTable[]) => tables.map((t, i) => `${i + 1}. ${t.sheet}`).join('、');

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
