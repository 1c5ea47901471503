import type { Crs } from '../geo/crs.ts';
import { HttpError } from '../http/errors.ts';
import { reason, unreadable } from './import-errors.ts';
import { BUILDING_FIELDS, FACILITY_FIELDS, GRID_FIELDS, MEMBER_FIELDS, matchHeaders, type SourceData } from './import-fields.ts';
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  type ImportFormat,
  type ImportKind,
  type ImportRowsByKind,
  type ImportSource,
  type ParsedImport,
  type ParseOptions,
} from './import-types.ts';
import { normalizeBuildings } from './normalize-buildings.ts';
import { normalizeFacilities } from './normalize-facilities.ts';
import { normalizeGrids, type Normalized } from './normalize-grids.ts';
import { normalizeMembers } from './normalize-members.ts';
import { readGeoJson } from './read-geojson.ts';
import { readGeoPackage } from './read-geopackage.ts';
import { readKml } from './read-kml.ts';
import { readShapefile, shapefileCrsName } from './read-shapefile.ts';
import { readCsv, readXlsx } from './read-table.ts';
import { refuseUnreadGridCodes, unknownColumnNotes, unknownColumns } from './unknown-columns.ts';

// An uploaded file to typed rows and the problems of the rows that could not be read. Only the
// file is looked at here; what needs the database (overlaps, unknown codes, duplicates against
// stored data) is checked later.

const FORMAT_BY_EXTENSION: Record<string, ImportFormat> = {
  geojson: 'geojson',
  json: 'geojson',
  zip: 'shapefile',
  kml: 'kml',
  csv: 'csv',
  xlsx: 'xlsx',
  gpkg: 'geopackage',
};

export const FORMATS_BY_KIND: Record<ImportKind, readonly ImportFormat[]> = {
  grids: ['geojson', 'shapefile', 'kml', 'geopackage', 'csv', 'xlsx'],
  facilities: ['csv', 'xlsx', 'geojson', 'geopackage'],
  members: ['csv', 'xlsx'],
  buildings: ['geojson', 'shapefile', 'geopackage', 'csv', 'xlsx'],
};

const KIND_NAMES: Record<ImportKind, { zh: string; en: string; accepts: string }> = {
  grids: { zh: '网格', en: 'grids', accepts: 'GeoJSON、Shapefile (.zip)、KML、GeoPackage (.gpkg)，或带 wkt 列的 CSV、Excel (.xlsx)' },
  facilities: { zh: '服务站点', en: 'facilities', accepts: 'CSV、Excel (.xlsx)、GeoJSON 点或 GeoPackage (.gpkg)' },
  members: { zh: '党员', en: 'members', accepts: 'CSV 或 Excel (.xlsx)' },
  buildings: { zh: '楼栋', en: 'buildings', accepts: 'GeoJSON、Shapefile (.zip)、GeoPackage (.gpkg)，带经纬度或 wkt 列的 CSV、Excel (.xlsx)，或楼栋编号 + 户数的 CSV、Excel (.xlsx)' },
};

/** What a file name's extension says, or why it cannot be imported. */
export function formatOfFileName(fileName: string): ImportFormat {
  const dot = fileName.lastIndexOf('.');
  const extension = dot === -1 ? '' : fileName.slice(dot + 1).trim().toLowerCase();
  const format = FORMAT_BY_EXTENSION[extension];
  if (format) return format;
  const hint = EXTENSION_HINTS[extension] ?? {
    zh: '支持 .geojson、.json、.zip (Shapefile)、.kml、.gpkg (GeoPackage)、.csv、.xlsx',
    en: 'accepted: .geojson, .json, .zip (Shapefile), .kml, .gpkg (GeoPackage), .csv, .xlsx',
  };
  throw new HttpError(415, 'UNSUPPORTED_FORMAT', `不支持 “${fileName}” 的文件格式：${hint.zh} (unsupported file type: ${hint.en})`);
}

const EXTENSION_HINTS: Record<string, { zh: string; en: string }> = {
  xls: { zh: '请在 Excel 中另存为 .xlsx 或 CSV', en: 'save the .xls workbook as .xlsx or CSV' },
  shp: {
    zh: '请把同名的 .shp、.shx、.dbf、.prj 一起压缩成 .zip 上传',
    en: 'zip the .shp, .shx, .dbf and .prj of the layer together and upload the .zip',
  },
  kmz: { zh: '请解压 .kmz 后上传其中的 .kml', en: 'unzip the .kmz and upload the .kml inside' },
  txt: { zh: '如是逗号分隔的表格，请把扩展名改为 .csv', en: 'if it is a comma-separated table, rename it to .csv' },
};

/**
 * Reads an import file. Throws HttpError 415 UNSUPPORTED_FORMAT (extension unknown or not for
 * this kind), 422 UNREADABLE_FILE (empty, corrupt, or missing a part), 413 TOO_MANY_ROWS or
 * 413 PAYLOAD_TOO_LARGE; every problem of a single row is returned in `problems` instead.
 */
export async function parseImport<K extends ImportKind>(kind: K, bytes: Uint8Array, options: ParseOptions): Promise<ParsedImport<K>> {
  const format = formatOfFileName(options.fileName);
  if (!FORMATS_BY_KIND[kind].includes(format)) {
    const names = KIND_NAMES[kind];
    throw new HttpError(
      415,
      'UNSUPPORTED_FORMAT',
      `${names.zh}不能从 ${format.toUpperCase()} 文件导入：请上传 ${names.accepts} (${names.en} cannot be imported from ${format}: use ${FORMATS_BY_KIND[kind].join(', ')})`,
    );
  }
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new HttpError(
      413,
      'PAYLOAD_TOO_LARGE',
      `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，请分批导入 (the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: split it)`,
    );
  }
  if (bytes.byteLength === 0) throw unreadable('文件是空的', 'the file is empty: choose the exported file again');

  const read = await readSource(kind, format, bytes, options);
  const total = read.data.records.length;
  if (total > MAX_IMPORT_ROWS) {
    throw new HttpError(
      413,
      'TOO_MANY_ROWS',
      `文件有 ${total} 行（要素），一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入 (${total} rows or features; at most ${MAX_IMPORT_ROWS} per import: split the file)`,
    );
  }
  const normalized = normalize(kind, read.data, read.lonLatCrs) as Normalized<ImportRowsByKind[K]>;
  const unknown = unknownColumns(kind, read.data.headers, normalized.fields, normalized.present);
  if (kind === 'grids' && !normalized.present.includes('code')) refuseUnreadGridCodes(read.data, unknown);
  const source: ImportSource = { name: options.fileName, format, encoding: read.encoding, crs: read.crsName, sheet: read.sheet ?? null };
  if (read.towgs84) source.towgs84 = [...read.towgs84];
  return {
    source,
    total,
    rows: normalized.rows,
    problems: normalized.problems,
    notes: unknownColumnNotes(unknown),
    fields: normalized.fields,
    present: normalized.present,
  };
}

interface ReadSource {
  data: SourceData;
  encoding: string | null;
  /** The system the lon/lat positions are in now. */
  lonLatCrs: Crs;
  crsName: string;
  /** The datum shift applied (Shapefiles of Beijing 1954, Xian 1980…). */
  towgs84?: readonly number[] | null;
  /** XLSX: the sheet read. */
  sheet?: string;
}

/** Any failure of a reading library becomes UNREADABLE_FILE, never a 500. */
async function readSource(kind: ImportKind, format: ImportFormat, bytes: Uint8Array, options: ParseOptions): Promise<ReadSource> {
  try {
    switch (format) {
      case 'geojson':
        return { data: readGeoJson(bytes), encoding: null, lonLatCrs: options.crs, crsName: options.crs };
      case 'kml':
        return { data: readKml(bytes), encoding: null, lonLatCrs: options.crs, crsName: options.crs };
      case 'shapefile': {
        const data = await readShapefile(bytes, { towgs84: options.towgs84 });
        // A converted .prj gives lon/lat on WGS84 (CGCS2000 is equal at map scale; other datums are shifted).
        return {
          data,
          encoding: data.encoding,
          lonLatCrs: data.converted ? 'wgs84' : options.crs,
          crsName: shapefileCrsName(data, options.crs),
          towgs84: data.towgs84,
        };
      }
      case 'geopackage': {
        const data = await readGeoPackage(bytes, kind === 'facilities' ? 'point' : 'polygon', options.towgs84);
        const crsName = data.transformed || (options.crs === 'wgs84' && data.srsName !== null) ? data.srsName! : options.crs;
        return { data, encoding: null, lonLatCrs: data.transformed ? 'wgs84' : options.crs, crsName, towgs84: data.towgs84 };
      }
      case 'csv': {
        const data = readCsv(bytes, options.encoding);
        return { data, encoding: data.encoding, lonLatCrs: options.crs, crsName: options.crs };
      }
      case 'xlsx': {
        const data = await readXlsx(bytes, { sheet: options.sheet, recognised: (headers) => isHeaderOf(kind, headers) });
        return { data, encoding: null, lonLatCrs: options.crs, crsName: options.crs, sheet: data.sheet };
      }
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw unreadable(`无法读取 ${format.toUpperCase()} 文件，请重新导出后再试`, `the ${format} file could not be read (${reason(err)}): export it again`);
  }
}

const FIELDS_OF_KIND = { grids: GRID_FIELDS, facilities: FACILITY_FIELDS, members: MEMBER_FIELDS, buildings: BUILDING_FIELDS } as const;

/** A header row of this kind names at least two of its fields (a notes or lists sheet rarely does). */
function isHeaderOf(kind: ImportKind, headers: readonly string[]): boolean {
  const matched = Object.values<string | null>(matchHeaders<string>(FIELDS_OF_KIND[kind], headers));
  return matched.filter((header) => header !== null).length >= 2;
}

function normalize(kind: ImportKind, data: SourceData, crs: Crs): Normalized<ImportRowsByKind[ImportKind]> {
  switch (kind) {
    case 'grids':
      return normalizeGrids(data, crs);
    case 'facilities':
      return normalizeFacilities(data, crs);
    case 'members':
      return normalizeMembers(data, crs);
    case 'buildings':
      return normalizeBuildings(data, crs);
  }
}
