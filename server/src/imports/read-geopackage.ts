import type { Database } from 'sql.js';
import proj4 from 'proj4';
import { Geometry } from 'wkx';
import { sqlFile } from '../db/sql-file.ts';
import { openSqlite, quoteName } from '../geo/sqlite.ts';
import { HttpError } from '../http/errors.ts';
import { reason, unreadable } from './import-errors.ts';
import { requiredShift, withTowgs84, type Towgs84 } from './prj-datum.ts';
import { reproject } from './reproject-geometry.ts';
import type { Cell, SourceData, SourceRecord } from './import-fields.ts';
import { MAX_IMPORT_ROWS } from './import-types.ts';

// A GeoPackage (.gpkg, what QGIS saves by default) to numbered features: the first feature table
// whose geometry type suits the kind (points for stations, polygons for grids), its columns as
// properties and its geometries from GeoPackageBinary (header, envelope, WKB). SQLite is sql.js:
// the file is opened in memory, and only what the file stores is read: tables, never views (a
// view can make any number of rows from a small file), and stored columns, never virtual
// generated ones (computed on every read). A projected or other-datum system is turned into WGS84
// lon/lat with proj4 from its definition in gpkg_spatial_ref_sys, shifted like a Shapefile's .prj
// (prj-datum.ts) when its datum is Beijing 1954, Xian 1980 or another off WGS 84's ellipsoid.

export type GeoPackageGeometry = 'point' | 'polygon';

export interface GeoPackageData extends SourceData {
  /** The feature table read. */
  table: string;
  /** Name of the table's coordinate system (its srs_name), or null when undefined. */
  srsName: string | null;
  /** Coordinates were transformed to WGS84 lon/lat. Else they are lon/lat in the caller's crs. */
  transformed: boolean;
  /** The datum shift applied (Beijing 1954, Xian 1980…), else null. */
  towgs84: Towgs84 | null;
}

const SQL = {
  featureTables: sqlFile(import.meta.url, 'geopackage-feature-tables.sql'),
  srs: sqlFile(import.meta.url, 'geopackage-srs.sql'),
};

const SQLITE_HEADER = 'SQLite format 3\0';

const FITTING_TYPES: Record<GeoPackageGeometry, ReadonlySet<string>> = {
  point: new Set(['POINT', 'MULTIPOINT', 'GEOMETRY']),
  polygon: new Set(['POLYGON', 'MULTIPOLYGON', 'CURVEPOLYGON', 'MULTISURFACE', 'GEOMETRY']),
};

/** Lon/lat on WGS84 or CGCS2000 (equal at map scale), read as they are. */
const LON_LAT_SRS = new Set([4326, 4490]);

const HOW_TO_SAVE = '请在 QGIS 中用“导出 → 要素另存为”重新保存为 GeoPackage';
const HOW_TO_SAVE_EN = 'save the layer again in QGIS (Export → Save Features As… GeoPackage)';

export async function readGeoPackage(bytes: Uint8Array, wanted: GeoPackageGeometry, given?: Towgs84): Promise<GeoPackageData> {
  if (bytes.length < 100 || new TextDecoder('latin1').decode(bytes.subarray(0, 16)) !== SQLITE_HEADER) {
    throw unreadable(`文件不是 GeoPackage（SQLite 数据库）：${HOW_TO_SAVE}`, `not a GeoPackage (SQLite) file: ${HOW_TO_SAVE_EN}`);
  }
  let db: Database;
  try {
    db = await openSqlite(bytes);
  } catch (err) {
    throw unreadable(`GeoPackage 文件已损坏：${HOW_TO_SAVE}`, `the GeoPackage is damaged (${reason(err)}): ${HOW_TO_SAVE_EN}`);
  }
  try {
    return readLayer(db, wanted, given);
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw unreadable(`GeoPackage 文件已损坏或不完整：${HOW_TO_SAVE}`, `the GeoPackage could not be read (${reason(err)}): ${HOW_TO_SAVE_EN}`);
  } finally {
    db.close();
  }
}

interface FeatureTable {
  table: string;
  column: string;
  type: string;
  srsId: number;
}

function readLayer(db: Database, wanted: GeoPackageGeometry, given: Towgs84 | undefined): GeoPackageData {
  const layer = featureTable(db, wanted);
  const toLonLat = lonLatOf(db, layer.srsId, given);
  // Stored columns only: a virtual generated column is computed on every read (hidden = 2).
  const columns = rows<{ name: string; type: string; pk: number; hidden: number }>(db, `pragma table_xinfo(${quoteName(layer.table)})`);
  const stored = columns.filter((c) => c.hidden === 0 || c.hidden === 3);
  if (!stored.some((c) => c.name === layer.column)) {
    throw unreadable(`GeoPackage 图层 ${layer.table} 没有保存几何列 ${layer.column}：${HOW_TO_SAVE}`, `the layer ${layer.table} stores no geometry column ${layer.column}: ${HOW_TO_SAVE_EN}`);
  }
  const properties = stored.filter((c) => c.name !== layer.column && c.pk === 0);
  const booleans = new Set(properties.filter((c) => c.type.toUpperCase() === 'BOOLEAN').map((c) => c.name));

  const records: SourceRecord[] = [];
  const selected = [layer.column, ...properties.map((c) => c.name)].map(quoteName).join(', ');
  const select = db.prepare(`select ${selected} from ${quoteName(layer.table)} limit ${MAX_IMPORT_ROWS + 1}`);
  try {
    while (select.step()) {
      const row = select.getAsObject();
      const values = new Map<string, Cell>(properties.map((c) => [c.name, toCell(row[c.name], booleans.has(c.name))]));
      const geometry = readGeometry(row[layer.column], records.length + 1);
      records.push({ row: records.length + 1, values, geometry: geometry && toLonLat.converter ? reproject(geometry, toLonLat.converter) : geometry });
    }
  } finally {
    select.free();
  }
  return { headers: properties.map((c) => c.name), records, table: layer.table, srsName: toLonLat.name, transformed: toLonLat.converter !== undefined, towgs84: toLonLat.towgs84 ?? null };
}

/** The first feature table (a table, not a view) of the wanted geometry, else the first one. */
function featureTable(db: Database, wanted: GeoPackageGeometry): FeatureTable {
  const hasContents = rows(db, `select 1 from sqlite_master where type = 'table' and name in ('gpkg_contents', 'gpkg_geometry_columns')`).length === 2;
  if (!hasContents) {
    throw unreadable(`这个 SQLite 文件不是 GeoPackage（没有 gpkg_contents 表）：${HOW_TO_SAVE}`, `a SQLite file but not a GeoPackage (no gpkg_contents): ${HOW_TO_SAVE_EN}`);
  }
  const tables = rows<FeatureTable>(db, SQL.featureTables);
  const found = tables.find((t) => FITTING_TYPES[wanted].has(t.type)) ?? tables[0];
  if (!found) throw unreadable(`GeoPackage 里没有要素图层（矢量表）：${HOW_TO_SAVE}`, `the GeoPackage has no feature table: ${HOW_TO_SAVE_EN}`);
  return found;
}

interface LonLat {
  name: string | null;
  converter?: proj4.Converter;
  towgs84?: Towgs84 | null;
}

/** How the table's coordinates become lon/lat: as they are, or through proj4 from the srs definition. */
function lonLatOf(db: Database, srsId: number, given: Towgs84 | undefined): LonLat {
  const [srs] = rows<{ name: string; organization: string; code: number; definition: string }>(db, SQL.srs, [srsId]);
  if (srsId === 0 || srsId === -1 || !srs) return { name: null };
  if (LON_LAT_SRS.has(srsId) || (srs.organization.toUpperCase() === 'EPSG' && LON_LAT_SRS.has(srs.code))) return { name: srs.name };
  const definition = srs.definition.trim();
  const towgs84 = requiredShift(definition, srs.name, given);
  try {
    // A GeoPackage stores x/y (easting/northing, lon/lat) whatever axis order the definition declares.
    const lonLatFirst = definition.replace(/,\s*AXIS\["[^"]*",\s*[A-Z]+\]/gi, '');
    return { name: srs.name, towgs84, converter: proj4(towgs84 === null ? lonLatFirst : withTowgs84(lonLatFirst, towgs84)) };
  } catch (err) {
    throw unreadable(
      `无法识别 GeoPackage 的坐标系 ${srs.name}：请在 QGIS 中把图层转换为 CGCS2000 或 WGS 84 经纬度后另存`,
      `the coordinate system ${srs.name} cannot be used (${reason(err)}): reproject the layer to CGCS2000 or WGS 84 longitude/latitude`,
    );
  }
}

/** A GeoPackageBinary blob to GeoJSON; null when empty or not readable (the row is then reported). */
function readGeometry(blob: unknown, feature: number): unknown {
  if (!(blob instanceof Uint8Array)) return null;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) {
    throw unreadable(`第 ${feature} 个要素的几何不是 GeoPackage 格式：${HOW_TO_SAVE}`, `feature ${feature}: the geometry is not GeoPackageBinary: ${HOW_TO_SAVE_EN}`);
  }
  const flags = blob[3]!;
  if (flags & 0b1_0000) return null; // empty geometry
  if (flags & 0b10_0000) {
    throw unreadable(`第 ${feature} 个要素的几何是扩展类型，无法读取：${HOW_TO_SAVE}`, `feature ${feature}: extended geometry types are not supported: ${HOW_TO_SAVE_EN}`);
  }
  const envelopeBytes = [0, 32, 48, 48, 64][(flags >> 1) & 0b111];
  if (envelopeBytes === undefined || view.byteLength < 8 + envelopeBytes) {
    throw unreadable(`第 ${feature} 个要素的几何已损坏：${HOW_TO_SAVE}`, `feature ${feature}: damaged geometry header: ${HOW_TO_SAVE_EN}`);
  }
  try {
    return Geometry.parse(Buffer.from(blob.buffer, blob.byteOffset + 8 + envelopeBytes, blob.byteLength - 8 - envelopeBytes)).toGeoJSON();
  } catch (err) {
    throw unreadable(`第 ${feature} 个要素的几何已损坏：${HOW_TO_SAVE}`, `feature ${feature}: the geometry could not be read (${reason(err)}): ${HOW_TO_SAVE_EN}`);
  }
}

function toCell(value: unknown, boolean: boolean): Cell {
  if (value === null || value === undefined || value instanceof Uint8Array) return null;
  if (typeof value === 'number') {
    if (boolean && (value === 0 || value === 1)) return value === 1;
    return Number.isFinite(value) ? value : null;
  }
  return String(value);
}

function rows<T>(db: Database, sql: string, params: (string | number)[] = []): T[] {
  const statement = db.prepare(sql, params);
  const out: T[] = [];
  try {
    while (statement.step()) out.push(statement.getAsObject() as T);
  } finally {
    statement.free();
  }
  return out;
}
