import type { MultiPolygon, Polygon } from 'geojson';
import type { ImportKind, ImportNote, ImportProblem, ImportSource } from '../contract/imports.ts';
import type { FacilityAttributes, FacilityKind } from '../contract/places.ts';
import type { Crs } from '../geo/crs.ts';
import type { MemberStatus } from '../members/member-status.ts';
import type { Towgs84 } from './prj-datum.ts';

// The wire half (kinds, formats, limits, the report) is in the contract; what follows is how the
// server reads a file into rows on the way to it.
export {
  IMPORT_FORMATS,
  IMPORT_KINDS,
  IMPORT_MODES,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  MAX_ACTIONS_IN_REPORT,
  MAX_PREVIEW_FEATURES,
  type ImportAction,
  type ImportChange,
  type ImportPreview,
  type ImportPreviewProperties,
  type ImportFormat,
  type ImportKind,
  type ImportMode,
  type ImportNote,
  type ImportProblem,
  type ImportReport,
  type ImportSource,
} from '../contract/imports.ts';

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

export interface FacilityImportRow extends Omit<FacilityAttributes, 'kind'> {
  row: number;
  /** Our facility id (as exported): updates that facility; null → a new one, or the one of that name when the row has no place. */
  id: number | null;
  /** Null when the file has no kind column: an update keeps the stored kind, a new station cannot be made. */
  kind: FacilityKind | null;
  public: boolean;
  /** WGS84; null when the file has no coordinate columns (an update keeps the stored place). */
  lng: number | null;
  lat: number | null;
}

export interface MemberImportRow {
  row: number;
  name: string;
  /** Null when the file has no status column: an update keeps the stored status. */
  status: MemberStatus | null;
  /** Name of the Party organisation as written; null when the column is empty. */
  orgName: string | null;
  floating: boolean;
  phone: string | null;
  /** WGS84; null when the row has no coordinates (an update keeps the stored home). */
  lng: number | null;
  lat: number | null;
  /** An address but no coordinates: a new member is refused with a word that addresses are not geocoded. */
  addressOnly: boolean;
}

/**
 * A building from the file, already in WGS84: a polygon, a point drawn as a ~10 m square, or no
 * place at all (a table without coordinate or WKT columns, such as the yearly household survey's
 * 楼栋编号 + 户数: each row updates the figures of the stored building of its key).
 */
export type BuildingImportRow = BuildingImportFigures & (BuildingImportPlace | BuildingImportNoPlace);

interface BuildingImportFigures {
  row: number;
  /** What the import matches on within the community: the file's id (编号), else its name (a row without a place: the id only). */
  key: string;
  /** Null when the row has none: an update keeps the stored name, a new building has none. */
  name: string | null;
  /** 12-digit community code; null → the community holding the building's anchor (without a place: any community of the importer's scope). */
  communityCode: string | null;
  households: number;
  /** Null when the file has no population: an update keeps the stored figure, a new building has 0. */
  population: number | null;
}

interface BuildingImportPlace {
  geometry: Polygon;
  /** 'point': the file gave a point, drawn as a square; 'import': the file gave the outline. */
  source: 'import' | 'point';
}

/** A row of a table without coordinates: it updates an existing building and keeps its outline. */
interface BuildingImportNoPlace {
  geometry: null;
  source: null;
}

export interface ImportRowsByKind {
  grids: GridImportRow;
  facilities: FacilityImportRow;
  members: MemberImportRow;
  buildings: BuildingImportRow;
}

/** A file turned into typed rows: rows that could be read, and problems of those that could not. */
export interface ParsedImport<K extends ImportKind> {
  source: ImportSource;
  /** Rows or features in the file (data rows only). */
  total: number;
  rows: ImportRowsByKind[K][];
  problems: ImportProblem[];
  /** Notes on the whole file (UNKNOWN_COLUMN). */
  notes: ImportNote[];
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
  /** 7 parameters shifting a Shapefile's Beijing 1954 / Xian 1980 datum to WGS 84 (see prj-datum.ts). */
  towgs84?: Towgs84 | undefined;
  /** XLSX: the sheet to read, by name or number from 1; default the first with a header row of this kind. */
  sheet?: string | undefined;
}
