import type { MultiPolygon, Polygon } from 'geojson';
import type { ErrorCode } from '../contract/error-codes.ts';
import type { FacilityKind } from '../facilities/facility-input.ts';
import type { Crs } from '../geo/crs.ts';
import type { MemberStatus } from '../members/member-status.ts';

/** What an import brings in; each kind has its own fields and checks. */
export const IMPORT_KINDS = ['grids', 'facilities', 'members'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_FORMATS = ['geojson', 'shapefile', 'kml', 'csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

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

/** How the file was read. */
export interface SourceInfo {
  name: string;
  format: ImportFormat;
  /** Text encoding used for CSV and DBF ("utf-8", "gbk"); null where it does not apply. */
  encoding: string | null;
  /** Coordinate system the coordinates were read in: "wgs84", "gcj02", "bd09", or the .prj's name (e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 120E"). */
  crs: string;
}

/** A grid from the file, already in WGS84. Optional fields are null when the file lacks them. */
export interface GridImportRow {
  row: number;
  /** 15-digit grid code: updates that grid when it exists; null → a new code is assigned. */
  code: string | null;
  name: string | null;
  /** 12-digit community code; null → the community holding most of the shape. */
  communityCode: string | null;
  households: number | null;
  population: number | null;
  leaderName: string | null;
  leaderPhone: string | null;
  geometry: Polygon | MultiPolygon;
}

export interface FacilityImportRow {
  row: number;
  /** Our facility id (as exported): updates that facility; null → a new one. */
  id: number | null;
  name: string;
  kind: FacilityKind;
  address: string | null;
  phone: string | null;
  openingHours: string | null;
  services: string[];
  public: boolean;
  /** WGS84. */
  lng: number;
  lat: number;
}

export interface MemberImportRow {
  row: number;
  name: string;
  status: MemberStatus;
  /** Name of the Party organisation as written; null when the column is empty. */
  orgName: string | null;
  floating: boolean;
  phone: string | null;
  /** WGS84. */
  lng: number;
  lat: number;
}

export interface ImportRowsByKind {
  grids: GridImportRow;
  facilities: FacilityImportRow;
  members: MemberImportRow;
}

/** A file turned into typed rows: rows that could be read, and problems of those that could not. */
export interface ParsedImport<K extends ImportKind> {
  source: SourceInfo;
  /** Rows or features in the file (data rows only). */
  total: number;
  rows: ImportRowsByKind[K][];
  problems: ImportProblem[];
  /** Field name (as in the row types) → the column or property name the file uses for it. */
  fields: Record<string, string>;
  /** Fields (as in the row types) the file has a column or property for; an update keeps the stored value of the others. */
  present: string[];
}

export interface ParseOptions {
  /** File name as uploaded: its extension picks the format. */
  fileName: string;
  /** System of the coordinates when the file does not say (no .prj): default wgs84. */
  crs: Crs;
  /** Text encoding of CSV files: auto (UTF-8 when valid, else GBK) unless given. */
  encoding?: 'utf-8' | 'gbk' | undefined;
}

/** The dry-run (or commit) report, as the API returns it. */
export interface ImportReport {
  kind: ImportKind;
  mode: 'dry-run' | 'commit';
  source: SourceInfo;
  total: number;
  create: number;
  update: number;
  unchanged: number;
  problems: ImportProblem[];
  /** What each readable row would do (first 500 rows), for the preview table. */
  actions: { row: number; action: 'create' | 'update' | 'unchanged'; label: string }[];
  committed: boolean;
}
