import JSZip from 'jszip';
import { writeDbf, type DbfField, type DbfValue } from './write-dbf.ts';
import { Extent } from '../geo/extent.ts';

/** WGS 84 as ESRI writes it in a .prj (GDAL, QGIS, ArcGIS and proj4 all read this form). */
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

type Position = [number, number];

export type ShapefileLayer =
  | { kind: 'POINT'; baseName: string; fields: readonly DbfField[]; records: readonly ShapeRecord<Position>[] }
  | {
      kind: 'POLYGON';
      baseName: string;
      fields: readonly DbfField[];
      /** MultiPolygon coordinates with rings already in Shapefile order (outer clockwise, holes counter-clockwise). */
      records: readonly ShapeRecord<Position[][][]>[];
    };

export interface ShapeRecord<G> {
  geometry: G;
  attributes: Record<string, DbfValue>;
}

const SHAPE_TYPE = { POINT: 1, POLYGON: 5 } as const;

/**
 * A zipped Shapefile: <base>.shp and .shx (geometry), .dbf (UTF-8 text), .cpg saying UTF-8, and
 * .prj. All records share one geometry type; every ring of a multipolygon is one part of its record.
 */
export async function shapefileZip(layer: ShapefileLayer): Promise<Buffer> {
  const { shp, shx } = writeShapes(layer);
  const zip = new JSZip();
  zip.file(`${layer.baseName}.shp`, shp);
  zip.file(`${layer.baseName}.shx`, shx);
  zip.file(`${layer.baseName}.dbf`, writeDbf(layer.fields, layer.records.map((r) => r.attributes)));
  zip.file(`${layer.baseName}.prj`, WGS84_PRJ);
  zip.file(`${layer.baseName}.cpg`, 'UTF-8');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * The .shp and .shx of the ESRI Shapefile Technical Description (1998). Written here in one linear
 * pass: @mapbox/shp-write's writer concatenates every coordinate array it has seen for each new
 * one (4,000 grids took 14 s) and fails on an empty layer.
 */
export function writeShapes(layer: ShapefileLayer): { shp: Buffer; shx: Buffer } {
  const rings = layer.kind === 'POLYGON' ? layer.records.map((r) => r.geometry.flat()) : [];
  // Record contents, in bytes: type, then a point's x, y; or a box, part and point counts, part starts, points.
  const contentBytes =
    layer.kind === 'POINT'
      ? layer.records.map(() => 20)
      : rings.map((parts) => 44 + 4 * parts.length + 16 * parts.reduce((n, ring) => n + ring.length, 0));
  const shpBytes = 100 + contentBytes.reduce((sum, n) => sum + 8 + n, 0);
  const shp = Buffer.alloc(shpBytes);
  const shx = Buffer.alloc(100 + 8 * layer.records.length);

  const extent = new Extent();
  let at = 100;
  layer.records.forEach((record, i) => {
    const length = contentBytes[i]!;
    shx.writeInt32BE(at / 2, 100 + 8 * i); // offsets and lengths are in 16-bit words
    shx.writeInt32BE(length / 2, 104 + 8 * i);
    shp.writeInt32BE(i + 1, at);
    shp.writeInt32BE(length / 2, at + 4);
    shp.writeInt32LE(SHAPE_TYPE[layer.kind], at + 8);
    if (layer.kind === 'POINT') {
      const [x, y] = record.geometry as Position;
      extent.add(x, y);
      shp.writeDoubleLE(x, at + 12);
      shp.writeDoubleLE(y, at + 20);
    } else {
      const parts = rings[i]!;
      const box = new Extent();
      let p = at + 52 + 4 * parts.length;
      let start = 0;
      parts.forEach((ring, k) => {
        shp.writeInt32LE(start, at + 52 + 4 * k);
        start += ring.length;
        for (const [x, y] of ring) {
          box.add(x, y);
          shp.writeDoubleLE(x, p);
          shp.writeDoubleLE(y, p + 8);
          p += 16;
        }
      });
      writeExtent(box, shp, at + 12);
      shp.writeInt32LE(parts.length, at + 44);
      shp.writeInt32LE(start, at + 48);
      extent.include(box);
    }
    at += 8 + length;
  });

  for (const file of [shp, shx]) {
    file.writeInt32BE(9994, 0); // file code
    file.writeInt32BE(file.length / 2, 24);
    file.writeInt32LE(1000, 28); // version
    file.writeInt32LE(SHAPE_TYPE[layer.kind], 32);
    writeExtent(extent, file, 36); // z and m ranges stay zero
  }
  return { shp, shx };
}

/** xmin, ymin, xmax, ymax of the extent; all zero for an empty layer. */
function writeExtent(extent: Extent, buffer: Buffer, offset: number): void {
  const empty = extent.isEmpty();
  [extent.xmin, extent.ymin, extent.xmax, extent.ymax].forEach((v, i) => buffer.writeDoubleLE(empty ? 0 : v, offset + 8 * i));
}
