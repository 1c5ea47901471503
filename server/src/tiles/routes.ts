import type { EventEmitter } from 'node:events';
import { Router, type Request, type Response } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { z } from 'zod';
import { HttpError } from '../http/errors.ts';
import { parseOr400 } from '../http/validate.ts';
import { TILE_LAYERS } from './tile-geometry.ts';
import type { TileService } from './tile-service.ts';

export { encodeTile, type Encoder } from './tile-encoder.ts';
export { TILE_LAYERS, type TileLayer } from './tile-geometry.ts';

const tileParams = z
  .object({
    layer: z.enum(TILE_LAYERS),
    z: z.coerce.number().int().min(0).max(22),
    x: z.coerce.number().int().min(0),
    y: z.coerce.number().int().min(0),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, 'x and y must be within the zoom level');

const MVT = 'application/vnd.mapbox-vector-tile';

/**
 * /tiles/{regions|grids|facilities}/{z}/{x}/{y}.mvt: public tiles, mounted before the session and
 * security middleware (tiles carry only public data). ETag from the tile's bytes; If-None-Match
 * and cache hits are answered without a query. Only tiles that had to be encoded count against
 * the per-address budget (misses cost the database, hits cost nothing).
 */
export function tileRoutes(tiles: TileService, perMinute: number): Router {
  const router = Router();
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  let watchedServer = false;

  router.get('/tiles/:layer/:z/:x/:y.mvt', async (req, res) => {
    if (!watchedServer) {
      // Stop following the change log when the HTTP server closes (tests open and close many).
      watchedServer = true;
      (req.socket as unknown as { server?: EventEmitter }).server?.once('close', () => void tiles.close());
    }
    const t = parseOr400(tileParams, req.params);
    if (!tiles.cache.get(t.layer, t.z, t.x, t.y)) await chargeMiss(limiter, req);
    const tile = await tiles.tile(t.layer, t.z, t.x, t.y);
    res.setHeader('ETag', tile.etag);
    res.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (matches(req.headers['if-none-match'], tile.etag)) {
      res.status(304).end();
      return;
    }
    send(req, res, tile.gzip, tile.raw);
  });
  return router;
}

function send(req: Request, res: Response, gzipped: Buffer | undefined, raw: Buffer): void {
  res.setHeader('Content-Type', MVT);
  // No Accept-Encoding: send the tile as is (HTTP allows any coding then, but plain clients expect none).
  const useGzip = gzipped !== undefined && req.headers['accept-encoding'] !== undefined && req.acceptsEncodings('gzip', 'identity') === 'gzip';
  const body = useGzip ? gzipped : raw;
  if (useGzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', String(body.length));
  res.end(body);
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
