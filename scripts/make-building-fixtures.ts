// Writes the buildings import fixtures to tests/fixtures/buildings/ (deterministic: the same
// bytes on every run) from the constants in tests/support/building-fixtures.ts.
// Run: npx tsx scripts/make-building-fixtures.ts

import fs from 'node:fs';
import { write as writeShapefile } from '@mapbox/shp-write';
import JSZip from 'jszip';
import { CSV_POINT_BUILDINGS, GEOJSON_BUILDINGS, SHAPEFILE_BUILDINGS } from '../tests/support/building-fixtures.ts';

const OUT = new URL('../tests/fixtures/buildings/', import.meta.url);
const FIXED_DATE = new Date('2024-01-01T00:00:00Z');

fs.mkdirSync(OUT, { recursive: true });

const features = GEOJSON_BUILDINGS.map((b) => ({
  type: 'Feature',
  properties: { 编号: b.id, 楼栋: b.name, 户数: b.households, 人口: b.population, ...(b.communityCode ? { 社区编码: b.communityCode } : {}) },
  geometry: b.geometry,
}));
fs.writeFileSync(
  new URL('buildings.geojson', OUT),
  `{\n  "type": "FeatureCollection",\n  "features": [\n${features.map((f) => '    ' + JSON.stringify(f)).join(',\n')}\n  ]\n}\n`,
);

const csv = [['编号', '楼栋', '户数', '人口', '经度', '纬度'], ...CSV_POINT_BUILDINGS.map((b) => [b.id, b.name, b.households, b.population, b.at[0], b.at[1]])];
fs.writeFileSync(new URL('buildings-points.csv', OUT), csv.map((r) => r.join(',')).join('\r\n') + '\r\n');

const bytesOf = (view: DataView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
let parts: { shp: DataView; shx: DataView; dbf: DataView } | undefined;
writeShapefile(
  SHAPEFILE_BUILDINGS.map((b) => ({ id: b.id, name: b.name, households: b.households, population: b.population })),
  'POLYGON',
  SHAPEFILE_BUILDINGS.map((b) => b.geometry.coordinates.map((ring) => ring.map(([x, y]) => [x!, y!]))),
  (err, files) => {
    if (err) throw err;
    parts = files as typeof parts;
  },
);
if (!parts) throw new Error('shp-write returned nothing');
const dbf = new Uint8Array(bytesOf(parts.dbf));
dbf.set([FIXED_DATE.getUTCFullYear() - 1900, FIXED_DATE.getUTCMonth() + 1, FIXED_DATE.getUTCDate()], 1);
const zip = new JSZip();
for (const [name, data] of [['buildings.shp', bytesOf(parts.shp)], ['buildings.shx', bytesOf(parts.shx)], ['buildings.dbf', dbf]] as const) {
  zip.file(name, data, { date: FIXED_DATE, createFolders: false });
}
fs.writeFileSync(new URL('buildings.zip', OUT), await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' }));
console.log('wrote buildings.geojson, buildings-points.csv, buildings.zip to tests/fixtures/buildings/');
