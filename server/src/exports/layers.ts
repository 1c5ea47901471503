import type { MultiPolygon, Point } from 'geojson';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { toCsv } from './write-csv.ts';
import type { DbfField, DbfValue } from './write-dbf.ts';
import { geoPackageFile, type GeoPackageColumnType, type GeoPackageLayer } from './write-geopackage.ts';
import { shapefileZip } from './write-shapefile.ts';
import { FACILITY_KIND_NAMES, type FacilityKind } from '../facilities/facility-input.ts';
import { EXPORT_FORMATS, EXPORT_LAYERS, type ExportFormat, type ExportLayer } from '../contract/exports.ts';

export { EXPORT_FORMATS, EXPORT_LAYERS, type ExportFormat, type ExportLayer };

const SQL = {
  gridsGeojson: sqlFile(import.meta.url, 'grids-geojson.sql'),
  gridsRows: sqlFile(import.meta.url, 'grids-rows.sql'),
  facilitiesGeojson: sqlFile(import.meta.url, 'facilities-geojson.sql'),
  facilitiesRows: sqlFile(import.meta.url, 'facilities-rows.sql'),
  regionsGeojson: sqlFile(import.meta.url, 'regions-geojson.sql'),
  regionsRows: sqlFile(import.meta.url, 'regions-rows.sql'),
  buildingsGeojson: sqlFile(import.meta.url, 'buildings-geojson.sql'),
  buildingsRows: sqlFile(import.meta.url, 'buildings-rows.sql'),
};

export interface ExportFile {
  body: string | Buffer;
  count: number;
}

interface GridRow {
  code: string;
  name: string;
  community: string;
  households: number;
  population: number;
  leader: string | null;
  phone: string | null;
  version: number;
  shape: string | null;
  wkt: string | null;
}

interface FacilityRow {
  id: number;
  name: string;
  kind: string;
  address: string | null;
  phone: string | null;
  hours: string | null;
  services: string;
  public: boolean;
  lng: string;
  lat: string;
}

interface RegionRow {
  code: string;
  name: string;
  level: string;
  parent: string | null;
  shape: string | null;
  wkt: string | null;
}

// Field names are the ones the importer reads back; DBF names are at most 10 characters. The
// GeoPackage has the same columns.
const GRID_FIELDS: DbfField[] = [
  { name: 'code', type: 'C' },
  { name: 'name', type: 'C' },
  { name: 'community', type: 'C' },
  { name: 'households', type: 'N', width: 10 },
  { name: 'population', type: 'N', width: 10 },
  { name: 'leader', type: 'C' },
  { name: 'phone', type: 'C' },
  { name: 'version', type: 'N', width: 10 },
];
const FACILITY_FIELDS: DbfField[] = [
  { name: 'id', type: 'N', width: 10 },
  { name: 'name', type: 'C' },
  { name: 'kind', type: 'C' },
  { name: 'address', type: 'C' },
  { name: 'phone', type: 'C' },
  { name: 'hours', type: 'C' },
  { name: 'services', type: 'C' },
  { name: 'public', type: 'L' },
];
const REGION_FIELDS: DbfField[] = [
  { name: 'code', type: 'C' },
  { name: 'name', type: 'C' },
  { name: 'level', type: 'C' },
  { name: 'parent', type: 'C' },
];

const FACILITY_CSV_HEADER = ['编号', '名称', '类型', '地址', '电话', '开放时间', '服务项目', '公开', '经度', '纬度'];

/** One layer of one region in one format; the caller has checked the region and the scope. */
export async function exportLayer(
  db: Queryable,
  layer: ExportLayer,
  format: ExportFormat,
  regionCode: string,
  baseName: string,
): Promise<ExportFile> {
  if (format === 'geojson') {
    const sql = { grids: SQL.gridsGeojson, facilities: SQL.facilitiesGeojson, regions: SQL.regionsGeojson, buildings: SQL.buildingsGeojson }[layer];
    const [row] = await db.query<{ fc: string; count: number }>(sql, [regionCode]);
    return { body: row?.fc ?? '{"type":"FeatureCollection","features":[]}', count: row?.count ?? 0 };
  }
  switch (layer) {
    case 'grids':
      return exportGrids(db, format, regionCode, baseName);
    case 'facilities':
      return exportFacilities(db, format, regionCode, baseName);
    case 'regions':
      return exportRegions(db, format, regionCode, baseName);
    case 'buildings':
      return exportBuildings(db, format, regionCode, baseName);
  }
}

type FileFormat = Exclude<ExportFormat, 'geojson'>;

async function exportGrids(db: Queryable, format: FileFormat, regionCode: string, baseName: string): Promise<ExportFile> {
  const rows = await db.query<GridRow>(SQL.gridsRows, [regionCode, format]);
  const attributes = (r: GridRow): Record<string, DbfValue> => ({
    code: r.code,
    name: r.name,
    community: r.community,
    households: r.households,
    population: r.population,
    leader: r.leader,
    phone: r.phone,
    version: r.version,
  });
  if (format === 'csv') {
    return { body: csvWithWkt(GRID_FIELDS, rows.map((r): [Record<string, DbfValue>, string | null] => [attributes(r), r.wkt])), count: rows.length };
  }
  if (format === 'gpkg') {
    return { body: await geoPackage('grids', GRID_FIELDS, rows.map((r) => ({ geometry: multiPolygonOf(r.shape), attributes: attributes(r) }))), count: rows.length };
  }
  const body = await shapefileZip({
    kind: 'POLYGON',
    baseName,
    fields: GRID_FIELDS,
    records: rows.map((r) => ({ geometry: multiPolygon(r.shape), attributes: attributes(r) })),
  });
  return { body, count: rows.length };
}

async function exportFacilities(db: Queryable, format: FileFormat, regionCode: string, baseName: string): Promise<ExportFile> {
  const rows = await db.query<FacilityRow>(SQL.facilitiesRows, [regionCode]);
  const services = (r: FacilityRow) => JSON.parse(r.services) as string[];
  if (format === 'csv') {
    const body = toCsv(
      FACILITY_CSV_HEADER,
      rows.map((r) => [
        r.id, r.name, FACILITY_KIND_NAMES[r.kind as FacilityKind] ?? r.kind, r.address, r.phone, r.hours,
        services(r).join('、'), r.public ? '是' : '否', r.lng, r.lat,
      ]),
    );
    return { body, count: rows.length };
  }
  const attributes = (r: FacilityRow): Record<string, DbfValue> => ({
    id: r.id, name: r.name, kind: r.kind, address: r.address, phone: r.phone, hours: r.hours,
    services: services(r).join(';'), public: r.public,
  });
  const position = (r: FacilityRow): [number, number] => [Number(r.lng), Number(r.lat)];
  if (format === 'gpkg') {
    const features = rows.map((r) => ({ geometry: { type: 'Point', coordinates: position(r) } satisfies Point, attributes: attributes(r) }));
    return { body: await geoPackage('facilities', FACILITY_FIELDS, features), count: rows.length };
  }
  const body = await shapefileZip({
    kind: 'POINT',
    baseName,
    fields: FACILITY_FIELDS,
    records: rows.map((r) => ({ geometry: position(r), attributes: attributes(r) })),
  });
  return { body, count: rows.length };
}

async function exportRegions(db: Queryable, format: FileFormat, regionCode: string, baseName: string): Promise<ExportFile> {
  const rows = await db.query<RegionRow>(SQL.regionsRows, [regionCode, format]);
  const attributes = (r: RegionRow): Record<string, DbfValue> => ({ code: r.code, name: r.name, level: r.level, parent: r.parent });
  if (format === 'csv') {
    return { body: csvWithWkt(REGION_FIELDS, rows.map((r): [Record<string, DbfValue>, string | null] => [attributes(r), r.wkt])), count: rows.length };
  }
  if (format === 'gpkg') {
    return { body: await geoPackage('regions', REGION_FIELDS, rows.map((r) => ({ geometry: multiPolygonOf(r.shape), attributes: attributes(r) }))), count: rows.length };
  }
  const body = await shapefileZip({
    kind: 'POLYGON',
    baseName,
    fields: REGION_FIELDS,
    records: rows.map((r) => ({ geometry: multiPolygon(r.shape), attributes: attributes(r) })),
  });
  return { body, count: rows.length };
}

interface BuildingRow {
  id: string;
  name: string;
  community: string;
  households: number;
  population: number;
  grid: string | null;
  shape: string | null;
  wkt: string | null;
}

const BUILDING_FIELDS: DbfField[] = [
  { name: 'id', type: 'C' },
  { name: 'name', type: 'C' },
  { name: 'community', type: 'C' },
  { name: 'households', type: 'N', width: 10 },
  { name: 'population', type: 'N', width: 10 },
  { name: 'grid', type: 'C' },
];

/** Buildings with their key (what a later import matches on), households, population and grid. */
async function exportBuildings(db: Queryable, format: FileFormat, regionCode: string, baseName: string): Promise<ExportFile> {
  const rows = await db.query<BuildingRow>(SQL.buildingsRows, [regionCode, format]);
  const attributes = (r: BuildingRow): Record<string, DbfValue> => ({
    id: r.id, name: r.name, community: r.community, households: r.households, population: r.population, grid: r.grid,
  });
  if (format === 'csv') {
    return { body: csvWithWkt(BUILDING_FIELDS, rows.map((r): [Record<string, DbfValue>, string | null] => [attributes(r), r.wkt])), count: rows.length };
  }
  if (format === 'gpkg') {
    return { body: await geoPackage('buildings', BUILDING_FIELDS, rows.map((r) => ({ geometry: multiPolygonOf(r.shape), attributes: attributes(r) }))), count: rows.length };
  }
  const body = await shapefileZip({
    kind: 'POLYGON',
    baseName,
    fields: BUILDING_FIELDS,
    records: rows.map((r) => ({ geometry: multiPolygon(r.shape), attributes: attributes(r) })),
  });
  return { body, count: rows.length };
}

/** The Shapefile's fields as CSV columns, then the geometry as WKT. */
function csvWithWkt(fields: readonly DbfField[], rows: [Record<string, DbfValue>, string | null][]): string {
  return toCsv([...fields.map((f) => f.name), 'wkt'], rows.map(([a, wkt]) => [...fields.map((f) => a[f.name]), wkt]));
}

const GEOPACKAGE_TYPES: Record<DbfField['type'], GeoPackageColumnType> = { C: 'TEXT', N: 'INTEGER', L: 'BOOLEAN' };

/** A GeoPackage with one table named after the layer and the Shapefile's columns. */
function geoPackage(table: ExportLayer, fields: readonly DbfField[], features: GeoPackageLayer['features']): Promise<Buffer> {
  const geometryType = table === 'facilities' ? 'POINT' : 'MULTIPOLYGON';
  return geoPackageFile({ table, geometryType, columns: fields.map((f) => ({ name: f.name, type: GEOPACKAGE_TYPES[f.type] })), features });
}

/** A stored MultiPolygon, as the query encoded it (ring order for a Shapefile or a GeoPackage). */
function multiPolygonOf(shape: string | null): MultiPolygon {
  const geometry = JSON.parse(shape ?? 'null') as MultiPolygon | null;
  if (geometry?.type !== 'MultiPolygon') throw new Error(`expected a MultiPolygon, got ${geometry?.type ?? 'nothing'}`);
  return geometry;
}

/** The coordinates of a stored MultiPolygon, as the query encoded it for a Shapefile. */
function multiPolygon(shape: string | null): [number, number][][][] {
  return multiPolygonOf(shape).coordinates as [number, number][][][];
}
