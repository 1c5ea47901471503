import { HttpError } from '../http/errors.ts';
import { cellText } from './import-values.ts';
import { headerKey, type SourceData } from './import-fields.ts';
import type { ImportKind } from '../contract/imports.ts';
import type { ImportNote } from './import-types.ts';

// Columns the importer reads nothing from: listed in the report (a note, not a problem), and a
// grid file whose grid codes sit in such a column is refused: it would create every grid anew.

/**
 * Columns our own exports write that an import leaves alone on purpose: a grid's version is the
 * server's to count; a member's grid and community follow from the home point.
 */
const EXPORT_ONLY_COLUMNS: Record<ImportKind, ReadonlySet<string>> = {
  grids: new Set(['version']),
  facilities: new Set(),
  members: new Set(['网格编码', '网格名称', '社区']),
  buildings: new Set(['grid', '网格编码']),
};

/** The file's columns that no field was read from, in the file's order. */
export function unknownColumns(kind: ImportKind, headers: readonly string[], fields: Record<string, string>, present: readonly string[]): string[] {
  const read = new Set(present.map((field) => fields[field]));
  return headers.filter((header) => !read.has(header) && !EXPORT_ONLY_COLUMNS[kind].has(headerKey(header)));
}

export function unknownColumnNotes(columns: readonly string[]): ImportNote[] {
  return columns.map((column) => ({
    field: column,
    code: 'UNKNOWN_COLUMN',
    message: `未识别的列“${column}”，导入时不读取；如这一列应当导入，请按模板改列名 (column “${column}” is not one the import reads and is ignored: rename it as in the template if it should be imported)`,
  }));
}

const GRID_CODE = /^\d{15}$/;

/** Share of a column's filled cells that must look like grid codes for it to be taken for the code column. */
const CODE_LIKE_SHARE = 0.8;

/**
 * A grid file without a recognised code column, but with a column of 15-digit values: its rows
 * would all become new grids on top of the ones they were meant to update. Refused whole.
 */
export function refuseUnreadGridCodes(data: SourceData, columns: readonly string[]): void {
  for (const column of columns) {
    const filled = data.records.map((r) => cellText(r.values.get(column) ?? null)).filter((v) => v !== null);
    if (filled.length === 0 || filled.filter((v) => GRID_CODE.test(v)).length < filled.length * CODE_LIKE_SHARE) continue;
    throw new HttpError(
      422,
      'GRID_CODE_COLUMN_UNRECOGNISED',
      `列“${column}”看起来是网格编码（15 位数字），但列名未被识别：导入会把每一行都当作新网格。请把列名改为“网格编码”或“code”后重新预检；未导入任何数据 ` +
        `(column “${column}” holds 15-digit grid codes but its name is not one the import reads, so every row would become a new grid: rename it to 网格编码 or code and run the dry run again; nothing was imported)`,
    );
  }
}
