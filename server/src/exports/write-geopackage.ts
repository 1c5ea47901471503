import type { MultiPolygon, Point } from 'geojson';
import { Geometry } from 'wkx';
import { sqlFile } from '../db/sql-file.ts';
import { openSqlite, quoteName } from '../geo/sqlite.ts';
import { Extent } from '../geo/extent.ts';

// One feature table in a GeoPackage 1.2 file (OGC 12-128r15), the format QGIS saves by default:
// the required gpkg_spatial_ref_sys (with EPSG:4326), gpkg_contents and gpkg_geometry_columns,
// and geometries as GeoPackageBinary (header + envelope + ISO WKB). SQLite is sql.js (WebAssembly,
// no native build), which has no R*Tree module: readers without a spatial index scan the table,
// which is quick at a district's size.

export type GeoPackageColumnType = 'TEXT' | 'INTEGER' | 'REAL' | 'BOOLEAN';
export type GeoPackageValue = string | number | boolean | null;

export interface GeoPackageLayer {
  table: string;
  geometryType: 'MULTIPOLYGON' | 'POINT';
  columns: readonly { name: string; type: GeoPackageColumnType }[];
  features: readonly { geometry: MultiPolygon | Point; attributes: Record<string, GeoPackageValue> }[];
}

const SCHEMA = sqlFile(import.meta.url, 'geopackage-schema.sql');

/** The layer as the bytes of a .gpkg file, coordinates in EPSG:4326 (longitude, latitude). */
export async function geoPackageFile(layer: GeoPackageLayer): Promise<Buffer> {
  const db = await openSqlite();
  try {
    db.run(SCHEMA);
    const table = quoteName(layer.table);
    const columns = layer.columns.map((c) => `${quoteName(c.name)} ${c.type}`).join(', ');
    db.run(`CREATE TABLE ${table} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${layer.geometryType}, ${columns})`);

    const extent = new Extent();
    const insert = db.prepare(
      `insert into ${table} (geom, ${layer.columns.map((c) => quoteName(c.name)).join(', ')}) values (?${', ?'.repeat(layer.columns.length)})`,
    );
    db.run('begin');
    for (const feature of layer.features) {
      const envelope = envelopeOf(feature.geometry);
      extent.include(envelope);
      const values = layer.columns.map((c) => sqliteValue(feature.attributes[c.name] ?? null));
      insert.run([geoPackageBinary(feature.geometry, feature.geometry.type === 'Point' ? null : envelope), ...values]);
    }
    db.run('commit');
    insert.free();

    const box = extent.isEmpty() ? [null, null, null, null] : [extent.xmin, extent.ymin, extent.xmax, extent.ymax];
    db.run(
      `insert into gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id) values (?, 'features', ?, ?, ?, ?, ?, 4326)`,
      [layer.table, layer.table, ...box],
    );
    db.run(`insert into gpkg_geometry_columns values (?, 'geom', ?, 4326, 0, 0)`, [layer.table, layer.geometryType]);
    const file = db.export();
    return Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  } finally {
    db.close();
  }
}

/** SQLite has no boolean: GeoPackage's BOOLEAN is 0 or 1. */
function sqliteValue(value: GeoPackageValue): string | number | null {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

/**
 * GeoPackageBinary: "GP", version 0, flags (little-endian, envelope [minx, maxx, miny, maxy] or
 * none), srs_id, then the geometry as little-endian ISO WKB.
 */
function geoPackageBinary(geometry: MultiPolygon | Point, envelope: Extent | null): Uint8Array {
  const wkb = Geometry.parseGeoJSON(geometry).toWkb();
  const headerBytes = 8 + (envelope ? 32 : 0);
  const out = Buffer.alloc(headerBytes + wkb.length);
  out.write('GP', 0, 'ascii');
  out.writeUInt8(0, 2);
  out.writeUInt8(envelope ? 0b011 : 0b001, 3);
  out.writeInt32LE(4326, 4);
  if (envelope) [envelope.xmin, envelope.xmax, envelope.ymin, envelope.ymax].forEach((v, i) => out.writeDoubleLE(v, 8 + 8 * i));
  wkb.copy(out, headerBytes);
  return out;
}

function envelopeOf(geometry: MultiPolygon | Point): Extent {
  const envelope = new Extent();
  if (geometry.type === 'Point') envelope.add(geometry.coordinates[0]!, geometry.coordinates[1]!);
  else for (const polygon of geometry.coordinates) for (const ring of polygon) for (const [x, y] of ring) envelope.add(x!, y!);
  return envelope;
}
