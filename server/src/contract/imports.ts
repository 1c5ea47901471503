// The import API (POST /api/imports/{kind}): what it takes and the report it answers with, also
// the `details` of a 422 IMPORT_HAS_PROBLEMS. Part of the contract: no server dependencies.
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { Crs } from './crs.ts';
import type { ErrorCode } from './error-codes.ts';

/** What an import brings in; each kind has its own fields and checks. */
export const IMPORT_KINDS = ['grids', 'facilities', 'members', 'buildings'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_FORMATS = ['geojson', 'shapefile', 'kml', 'csv', 'xlsx', 'geopackage'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A dry run checks and rolls back; a commit applies the file only when it has no problem at all. */
export const IMPORT_MODES = ['dry-run', 'commit'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** The system of a file's coordinates when the file does not say (no .prj). */
export type ImportCrs = Crs;

/** Largest file accepted, in bytes, and most rows or features in one import. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

/**
 * One thing wrong with the file, located the way its author sees it: `row` is the spreadsheet
 * row (the header is row 1) for CSV/XLSX and the feature number (from 1) for GeoJSON, Shapefile
 * and KML; `field` is the column or property as written in the file (null for the whole row).
 */
export interface ImportProblem {
  row: number;
  field: string | null;
  /** MISSING_FIELD, BAD_VALUE, MISSING_COORDINATE, INVALID_GEOMETRY, OUTSIDE_DISTRICT, OUTSIDE_SCOPE,
   *  OUTSIDE_COMMUNITY, GRID_OVERLAP, UNKNOWN_COMMUNITY, UNKNOWN_ORG, UNKNOWN_ID, DUPLICATE, CODE_RETIRED. */
  code: ErrorCode;
  /** Chinese first, then English in brackets, saying how to fix it. */
  message: string;
}

/**
 * Something about the whole file worth knowing that does not stop the import: UNKNOWN_COLUMN
 * (a column no field is read from; `field` is its name as written).
 */
export interface ImportNote {
  field: string | null;
  code: ErrorCode;
  /** Chinese first, then English in brackets. */
  message: string;
}

/** How the file was read. */
export interface ImportSource {
  name: string;
  format: ImportFormat;
  /** Text encoding used for CSV and DBF ("utf-8", "gbk"); null where it does not apply. */
  encoding: string | null;
  /** Coordinate system the coordinates were read in: "wgs84", "gcj02", "bd09", or the .prj's name (e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 120E"). */
  crs: string;
  /**
   * Shapefile of a datum other than WGS 84/CGCS2000 (Beijing 1954, Xian 1980…): the 7 parameters
   * dx,dy,dz (m), rx,ry,rz (″), ds (ppm) that shifted it to WGS 84, from the .prj's TOWGS84 or
   * given with the import (`towgs84=`); absent when no shift was needed.
   */
  towgs84?: number[];
  /** XLSX: the sheet read (the first with a header row of this kind, unless one was asked for); null for other formats. */
  sheet: string | null;
}

/**
 * One field an update changes. `field` is the column or property as the file names it (or, for a
 * field the file has no column for, its usual name; a grid's boundary is `geometry`/边界 with
 * its area in m² before and after). Members' changes never carry values: both are null.
 */
export interface ImportChange {
  field: string;
  before: string | number | null;
  after: string | number | null;
}

/** What one readable row would do (or did). */
export interface ImportAction {
  row: number;
  action: 'create' | 'update' | 'unchanged';
  /** What the row is called in the preview table (a member's name masked: 张**). */
  label: string;
  /** For an update: each field that changes. */
  changes?: ImportChange[];
}

/** Properties of a feature of the dry run's map preview. */
export interface ImportPreviewProperties {
  row: number;
  action: ImportAction['action'];
  label: string;
}

/**
 * The rows that would be created, updated or left as they are, for a map before the commit:
 * grids as simplified outlines, facilities as points (WGS84). Members are never sent as places,
 * so a member import has none. At most MAX_PREVIEW_FEATURES features (the first rows);
 * `truncated` says when the file has more.
 */
export interface ImportPreview {
  features: FeatureCollection<Polygon | MultiPolygon | Point, ImportPreviewProperties>;
  truncated: boolean;
}

/** Most rows listed in a report's `actions`, and most features in its map preview. */
export const MAX_ACTIONS_IN_REPORT = 500;
export const MAX_PREVIEW_FEATURES = 2000;

/** The dry-run (or commit) report. */
export interface ImportReport {
  kind: ImportKind;
  mode: ImportMode;
  source: ImportSource;
  total: number;
  create: number;
  update: number;
  unchanged: number;
  problems: ImportProblem[];
  /** Notes on the file as a whole (columns not read); they do not stop a commit. */
  notes: ImportNote[];
  /** What each readable row would do (first 500 rows), for the preview table; `total` counts them all. */
  actions: ImportAction[];
  /** The dry run's map preview; null for members and for a commit. */
  preview: ImportPreview | null;
  committed: boolean;
}
