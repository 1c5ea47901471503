// The import report as the server returns it (mirrors server/src/imports/import-types.ts; the
// client imports only the contract from the server).
import type { ErrorCode } from '../../../server/src/contract/error-codes.ts';

export type ImportKind = 'grids' | 'facilities' | 'members';
export type ImportFormat = 'geojson' | 'shapefile' | 'kml' | 'csv' | 'xlsx';
export type ImportCrs = 'wgs84' | 'gcj02' | 'bd09';
export type ImportMode = 'dry-run' | 'commit';

/** Largest file the server accepts, in bytes, and most rows or features in one import. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

/**
 * One thing wrong with the file: `row` is the spreadsheet row (header = row 1) for CSV/XLSX and
 * the feature number (from 1) for GeoJSON, Shapefile and KML; `field` is the column as written in
 * the file, null for the whole row. `message` is Chinese first, then English in brackets.
 */
export interface ImportProblem {
  row: number;
  field: string | null;
  code: ErrorCode;
  message: string;
}

export interface ImportSource {
  name: string;
  format: ImportFormat;
  /** "utf-8", "gbk" for CSV and DBF; null where it does not apply. */
  encoding: string | null;
  /** "wgs84", "gcj02", "bd09", or the name in a Shapefile's .prj. */
  crs: string;
}

export interface ImportAction {
  row: number;
  action: 'create' | 'update' | 'unchanged';
  label: string;
}

export interface ImportReport {
  kind: ImportKind;
  mode: ImportMode;
  source: ImportSource;
  total: number;
  create: number;
  update: number;
  unchanged: number;
  problems: ImportProblem[];
  /** What each readable row would do (first 500 rows). */
  actions: ImportAction[];
  committed: boolean;
}

/** Whether a value (e.g. an error's `details`) has the shape of a report. */
export function isImportReport(value: unknown): value is ImportReport {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<ImportReport>;
  return typeof r.total === 'number' && Array.isArray(r.problems) && Array.isArray(r.actions) && typeof r.source === 'object';
}
