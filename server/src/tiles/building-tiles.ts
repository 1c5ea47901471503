import crypto from 'node:crypto';
import type { Geometry } from 'geojson';
import { Router, type RequestHandler, type Response } from 'express';
import vtpbf from 'vt-pbf';
import { z } from 'zod';
import { requireRole } from '../auth/authenticate.ts';
import { BUILDING_READERS } from '../buildings/routes.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { wholeNumberParam } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';
import { onTile, type Encoder } from './tile-encoder.ts';
import { TILE_EXTENT } from './tile-geometry.ts';
import { TILE_JSON_ZOOMS } from './tile-json.ts';

const SQL = {
  postgis: sqlFile(import.meta.url, 'building-tile-mvt.sql'),
  node: sqlFile(import.meta.url, 'building-tile-features.sql'),
  bounds: sqlFile(import.meta.url, 'building-tile-bounds.sql'),
};

/** Buildings are drawn from street zooms on; below, a tile of them is empty. */
export const BUILDING_MIN_ZOOM = 14;

const LAYER = 'buildings';
const MVT = 'application/vnd.mapbox-vector-tile';

const tileParams = z
  .object({
    z: wholeNumberParam('z', { min: 0, max: 22 }),
    x: wholeNumberParam('x', { min: 0 }),
    y: wholeNumberParam('y', { min: 0 }),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, 'x and y must be within the zoom level');

/**
 * GET /tiles/buildings/{z}/{x}/{y}.mvt and /tiles/buildings.json: the staff buildings layer
 * (properties id, gridId, households, name), for the roles that see buildings, within their
 * region. `session` resolves the signed-in account (these come before the app's own session
 * lookup, with the public tiles); no session is 401 NOT_SIGNED_IN.
 *
 * These tiles never enter the shared tile cache (its hits are served before any session check)
 * nor any other: each is encoded from the building table when asked for, so a building import,
 * a building move or a grid edit that moves buildings between grids shows in the next tile, and
 * the tile change log need not follow buildings. The answer is `Cache-Control: private, no-cache`
 * with an ETag of its bytes: the browser may keep it and revalidates it (304) every time.
 */
export function buildingTileRoutes(db: Database, session: RequestHandler[]): Router {
  const router = Router();
  let encoder: Promise<Encoder> | undefined;
  router.use(['/tiles/buildings', '/tiles/buildings.json'], ...session);

  router.get('/tiles/buildings.json', async (req, res) => {
    const user = requireRole(req.user, ...BUILDING_READERS);
    const [b] = await db.query<{ west: number | null; south: number; east: number; north: number }>(SQL.bounds, [user.regionCode]);
    const base = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const zooms = { minzoom: BUILDING_MIN_ZOOM, maxzoom: TILE_JSON_ZOOMS.maxzoom };
    const description = 'Buildings with their households (staff only); the MVT feature id is the building id.';
    res.set({ 'Cache-Control': 'private, no-cache', Vary: 'Cookie' }).json({
      tilejson: '3.0.0',
      name: '楼栋 (buildings)',
      description,
      scheme: 'xyz',
      tiles: [`${base}/tiles/buildings/{z}/{x}/{y}.mvt`],
      ...zooms,
      bounds: b && b.west !== null ? [b.west, b.south, b.east, b.north].map(Number) : [-180, -85.0511287798066, 180, 85.0511287798066],
      vector_layers: [{
        id: LAYER,
        description,
        ...zooms,
        fields: {
          id: 'Number: 楼栋 ID, the building id (also the feature id)',
          gridId: 'Number: 所在网格 ID, the grid holding the building (absent while in none)',
          households: 'Number: 户数 (households)',
          name: 'String: 楼栋名称或楼号 (name or number, may be empty)',
        },
      }],
    });
  });

  router.get('/tiles/buildings/:z/:x/:y.mvt', async (req, res) => {
    const user = requireRole(req.user, ...BUILDING_READERS);
    const { z: zoom, x, y } = parseOr400(tileParams, req.params);
    encoder ??= db.hasMvtSupport().then((mvt) => (mvt ? 'postgis' : 'node'));
    const raw = zoom < BUILDING_MIN_ZOOM ? Buffer.alloc(0) : await encodeBuildingTile(db, await encoder, zoom, x, y, user.regionCode);
    sendTile(res, req.get('if-none-match'), raw);
  });

  return router;
}

interface BuildingRow {
  id: number;
  gridId: number | null;
  households: number;
  name: string;
  geometry: string;
}

/** One tile of buildings within a scope: ST_AsMVT where PostGIS has it, vt-pbf otherwise; empty without buildings. */
export async function encodeBuildingTile(db: Database, encoder: Encoder, z: number, x: number, y: number, scope: string): Promise<Buffer> {
  if (encoder === 'postgis') {
    const [row] = await db.query<{ mvt: Uint8Array | null }>(SQL.postgis, [z, x, y, scope]);
    const mvt = row?.mvt;
    if (!mvt || mvt.length === 0) return Buffer.alloc(0);
    return Buffer.isBuffer(mvt) ? mvt : Buffer.from(mvt.buffer, mvt.byteOffset, mvt.length);
  }
  const rows = await db.query<BuildingRow>(SQL.node, [z, x, y, scope]);
  const features = rows.flatMap((r) => {
    const shape = onTile(JSON.parse(r.geometry) as Geometry);
    if (shape?.type !== 3) return [];
    const tags: Record<string, number | string> = { id: r.id, households: r.households, name: r.name };
    if (r.gridId !== null) tags.gridId = r.gridId;
    return [{ ...shape, id: r.id, tags }];
  });
  if (features.length === 0) return Buffer.alloc(0);
  return Buffer.from(vtpbf.fromGeojsonVt({ [LAYER]: { features } }, { version: 2, extent: TILE_EXTENT }));
}

function sendTile(res: Response, ifNoneMatch: string | undefined, raw: Buffer): void {
  const etag = `"${crypto.createHash('sha1').update(raw).digest('base64url').slice(0, 24)}"`;
  res.set({ ETag: etag, 'Cache-Control': 'private, no-cache', Vary: 'Cookie, Accept-Encoding', 'X-Content-Type-Options': 'nosniff' });
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    res.status(304).end();
    return;
  }
  if (raw.length === 0) {
    res.status(204).end();
    return;
  }
  res.status(200).type(MVT).send(raw);
}
