import type { Role } from '../../api/session';
import type { ImportFormat, ImportKind } from '../../api/importTypes';
import type { DataKey } from './strings';

export interface ImportKindInfo {
  id: ImportKind;
  label: DataKey;
  hint: DataKey;
  columns: DataKey;
  /** File name endings the server reads for this kind, lower case with the dot. */
  extensions: readonly string[];
  /** Shown in the "formats" sentence. */
  formats: string;
  roles: readonly Role[];
  /** Kinds read from a table get a CSV template. */
  tabular: boolean;
}

export const IMPORT_KINDS: readonly ImportKindInfo[] = [
  {
    id: 'grids',
    label: 'kindGrids',
    hint: 'kindGridsHint',
    columns: 'columnsGrids',
    extensions: ['.geojson', '.json', '.zip', '.kml', '.gpkg', '.csv', '.xlsx'],
    formats: 'GeoJSON（.geojson/.json）、Shapefile（.zip）、KML（.kml）、GeoPackage（.gpkg）、带 wkt 列的 CSV（.csv）或 Excel（.xlsx）',
    roles: ['planner', 'admin'],
    tabular: false,
  },
  {
    id: 'facilities',
    label: 'kindFacilities',
    hint: 'kindFacilitiesHint',
    columns: 'columnsFacilities',
    extensions: ['.csv', '.xlsx', '.geojson', '.json', '.gpkg'],
    formats: 'CSV（.csv）、Excel（.xlsx）、GeoJSON 点（.geojson/.json）、GeoPackage 点（.gpkg）',
    roles: ['planner', 'admin'],
    tabular: true,
  },
  {
    id: 'members',
    label: 'kindMembers',
    hint: 'kindMembersHint',
    columns: 'columnsMembers',
    extensions: ['.csv', '.xlsx'],
    formats: 'CSV（.csv）、Excel（.xlsx）',
    roles: ['admin'],
    tabular: true,
  },
  {
    id: 'buildings',
    label: 'kindBuildings',
    hint: 'kindBuildingsHint',
    columns: 'columnsBuildings',
    extensions: ['.geojson', '.json', '.zip', '.gpkg', '.csv', '.xlsx'],
    formats: 'GeoJSON（.geojson/.json）、Shapefile（.zip）、GeoPackage（.gpkg）楼栋轮廓，带经纬度（或 wkt）列的 CSV（.csv）、Excel（.xlsx），或只更新户数的 楼栋编号 + 户数 表格',
    roles: ['planner', 'admin'],
    tabular: true,
  },
];

export function kindInfo(id: ImportKind): ImportKindInfo {
  return IMPORT_KINDS.find((k) => k.id === id)!;
}

/** Whether the file name ends in one of the kind's extensions (the server picks the format the same way). */
export function acceptsFile(kind: ImportKindInfo, fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return kind.extensions.some((ext) => lower.endsWith(ext));
}

/** What to do with a file type people often have instead of an importable one. */
export const EXTENSION_HINTS: Readonly<Record<string, DataKey>> = {
  '.xls': 'hintXls',
  '.shp': 'hintShp',
  '.dbf': 'hintShp',
  '.kmz': 'hintKmz',
  '.txt': 'hintTxt',
};

export function extensionHint(fileName: string): DataKey | null {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? null : (EXTENSION_HINTS[fileName.slice(dot).toLowerCase()] ?? null);
}

/** Rows in CSV/XLSX are spreadsheet rows; in the other formats they are the n-th feature. */
export function isTabular(format: ImportFormat): boolean {
  return format === 'csv' || format === 'xlsx';
}

export const FORMAT_LABEL: Record<ImportFormat, DataKey> = {
  geojson: 'formatGeojson',
  shapefile: 'formatShapefile',
  kml: 'formatKml',
  csv: 'formatCsv',
  xlsx: 'formatXlsx',
  geopackage: 'formatGeopackage',
};

/** "1.2 MB", "840 KB": file sizes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${bytes} B`;
}
