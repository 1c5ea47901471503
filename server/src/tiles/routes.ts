import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { z } from 'zod';
import { HttpError } from '../http/errors.ts';
import { wholeNumberParam } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';
import { TILE_LAYERS, type TileLayer } from './tile-geometry.ts';
import type { CachedTile } from './tile-cache.ts';
import { tileJson } from './tile-json.ts';
import type { TileService } from './tile-service.ts';

export { encodeTile, type Encoder } from './tile-encoder.ts';
export { TILE_LAYERS, type TileLayer } from './tile-geometry.ts';

const tileParams = z
  .object({
    layer: z.enum(TILE_LAYERS),
    z: wholeNumberParam('z', { min: 0, max: 22 }),
    x: wholeNumberParam('x', { min: 0 }),
    y: wholeNumberParam('y', { min: 0 }),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, 'x and y must be within the zoom level');

const tileJsonParams = z.object({ layer: z.enum(TILE_LAYERS) });

const MVT = 'application/vnd.mapbox-vector-tile';
const TILE_PATH = /^\/tiles\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)\.mvt$/;
const TILE_JSON_PATH = /^\/tiles\/([^/]+)\.json$/;
const LAYERS: ReadonlySet<string> = new Set(TILE_LAYERS);

/**
 * GET /tiles/{regions|grids|facilities}/{z}/{x}/{y}.mvt: public tiles, mounted before the session
 * and security middleware (tiles carry only public data); cache hits are answered before Express
 * (serveCachedTile). ETag from the tile's bytes; If-None-Match and cache hits are answered without
 * a query; a tile without features is 204 (cached and validated like any other). Only tiles that
 * have to be encoded count against the per-address request budget (a miss costs the database, a
 * hit nothing), and so do the layers' TileJSON documents, GET /tiles/{layer}.json.
 */
export function tileRoutes(tiles: TileService, limiter: RateLimiterMemory): RequestHandler {
  return async (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const doc = TILE_JSON_PATH.exec(req.path);
    if (doc) {
      const { layer } = parseOr400(tileJsonParams, { layer: doc[1] });
      await chargeMiss(limiter, req);
      // Absolute tile URLs from the host the request came to, as the OGC API builds its links.
      const base = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
      res.set('Cache-Control', 'no-cache').type('application/json; charset=utf-8').send(JSON.stringify(await tileJson(tiles.db, layer, base)));
      return;
    }
    const m = TILE_PATH.exec(req.path);
    if (!m) return next();
    const t = quickParams(m) ?? parseOr400(tileParams, { layer: m[1], z: m[2], x: m[3], y: m[4] });
    let tile = tiles.cached(t.layer, t.z, t.x, t.y);
    if (!tile) {
      await chargeMiss(limiter, req);
      tile = await tiles.tile(t.layer, t.z, t.x, t.y);
    }
    writeTile(req, res, tile);
  };
}

/** The per-address budget of encoded tiles a minute: one for every tileRoutes of an app (replica and primary tiles). */
export function tileMissLimiter(perMinute: number): RateLimiterMemory {
  return new RateLimiterMemory({ points: perMinute, duration: 60 });
}

/**
 * A cached tile (or its 304) answered straight from Node's request listener, before Express: a
 * cache hit costs only this. Returns false, having written nothing, for anything else (not a
 * tile, not cached, a read of the change log due), which then goes through tileRoutes.
 */
export function serveCachedTile(tiles: TileService, req: IncomingMessage, res: ServerResponse): boolean {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url?.startsWith('/tiles/')) return false;
  const query = req.url.indexOf('?');
  const m = TILE_PATH.exec(query < 0 ? req.url : req.url.slice(0, query));
  const t = m && quickParams(m);
  const tile = t && tiles.cached(t.layer, t.z, t.x, t.y);
  if (!tile) return false;
  writeTile(req, res, tile);
  return true;
}

function writeTile(req: IncomingMessage, res: ServerResponse, tile: CachedTile): void {
  const headers: Record<string, string> = {
    ETag: tile.etag,
    'Cache-Control': 'public, max-age=0, must-revalidate',
    Vary: 'Accept-Encoding',
  };
  if (matches(req.headers['if-none-match'], tile.etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  if (tile.raw.length === 0) {
    res.writeHead(204, headers).end();
    return;
  }
  // No Accept-Encoding: the tile as is (HTTP would allow any coding, but plain clients expect none).
  const useGzip = tile.gzip !== undefined && acceptsGzip(req.headers['accept-encoding']);
  const body = useGzip ? tile.gzip! : tile.raw;
  headers['Content-Type'] = MVT;
  headers['Content-Length'] = String(body.length);
  headers['X-Content-Type-Options'] = 'nosniff';
  if (useGzip) headers['Content-Encoding'] = 'gzip';
  res.writeHead(200, headers).end(body);
}

/** The common case without zod; undefined sends the request through the full check (and its 400). */
function quickParams(m: RegExpExecArray): { layer: TileLayer; z: number; x: number; y: number } | undefined {
  const [, layer, zs, xs, ys] = m;
  if (!LAYERS.has(layer!) || !/^\d{1,2}$/.test(zs!) || !/^\d{1,8}$/.test(xs!) || !/^\d{1,8}$/.test(ys!)) return undefined;
  const z = Number(zs);
  const x = Number(xs);
  const y = Number(ys);
  if (z > 22 || x >= 2 ** z || y >= 2 ** z) return undefined;
  return { layer: layer as TileLayer, z, x, y };
}

/** Whether Accept-Encoding allows gzip (listed, or by *, and not with q=0). */
function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star = false;
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
    if (coding === 'gzip' || coding === 'x-gzip') return !refused;
    if (coding === '*') star = !refused;
  }
  return star;
}

/** If-None-Match against our ETag (weak comparison, as for GET). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  for (const part of header.split(',')) {
    const tag = part.trim();
    if ((tag.startsWith('W/') ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}

async function chargeMiss(limiter: RateLimiterMemory, req: Request): Promise<void> {
  try {
    await limiter.consume(req.ip ?? 'unknown');
  } catch (rejection) {
    const ms = (rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000;
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    throw new HttpError(429, 'RATE_LIMITED', `请求过于频繁，请 ${seconds} 秒后再试 (too many requests)`, { retryAfterSeconds: seconds });
  }
}
