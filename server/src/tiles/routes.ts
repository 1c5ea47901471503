import { Router } from 'express';
import GeoJSONVT from 'geojson-vt';
import vtpbf from 'vt-pbf';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { parseOr400 } from '../http/validate.ts';

const SQL = {
  mvt: sqlFile(import.meta.url, 'tile-mvt.sql'),
  features: sqlFile(import.meta.url, 'tile-features.sql'),
  etag: sqlFile(import.meta.url, 'tile-etag.sql'),
};

export const TILE_LAYERS = ['regions', 'grids', 'facilities'] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];

const tileParams = z
  .object({
    layer: z.enum(TILE_LAYERS),
    z: z.coerce.number().int().min(0).max(22),
    x: z.coerce.number().int().min(0),
    y: z.coerce.number().int().min(0),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, 'x and y must be within the zoom level');

export type Encoder = 'postgis' | 'node';

/** Encodes one tile: ST_AsMVT where PostGIS has it, geojson-vt + vt-pbf in Node otherwise. */
export async function encodeTile(db: Database, encoder: Encoder, layer: TileLayer, z: number, x: number, y: number): Promise<Buffer> {
  if (encoder === 'postgis') {
    const [row] = await db.query<{ mvt: Uint8Array | null }>(SQL.mvt, [z, x, y, layer]);
    return Buffer.from(row?.mvt ?? new Uint8Array());
  }
  const [row] = await db.query<{ fc: string }>(SQL.features, [z, x, y, layer]);
  const index = new GeoJSONVT(JSON.parse(row!.fc) as ConstructorParameters<typeof GeoJSONVT>[0], {
    maxZoom: z,
    indexMaxZoom: z,
    tolerance: 0,
    extent: 4096,
    buffer: 64,
  });
  const tile = index.getTile(z, x, y);
  if (!tile) return Buffer.alloc(0);
  return Buffer.from(vtpbf.fromGeojsonVt({ [layer]: tile }, { version: 2 }));
}

/** /tiles/{regions|grids|facilities}/{z}/{x}/{y}.mvt, cacheable by an ETag of what the tile shows. */
export function tileRoutes(db: Database): Router {
  const router = Router();
  router.get('/tiles/:layer/:z/:x/:y.mvt', async (req, res) => {
    const t = parseOr400(tileParams, req.params);
    const [tag] = await db.query<{ etag: string }>(SQL.etag, [t.z, t.x, t.y, t.layer]);
    res.set({ ETag: `"${tag!.etag}"`, 'Cache-Control': 'public, max-age=0, must-revalidate' });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    const encoder: Encoder = (await db.hasMvtSupport()) ? 'postgis' : 'node';
    const body = await encodeTile(db, encoder, t.layer, t.z, t.x, t.y);
    res.type('application/vnd.mapbox-vector-tile').send(body);
  });
  return router;
}
