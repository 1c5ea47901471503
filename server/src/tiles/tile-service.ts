import crypto from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { RequestHandler } from 'express';
import type { Database, Queryable } from '../db/database.ts';
import { TileCache, type CachedTile } from './tile-cache.ts';
import { TileChangeFeed, type TileChange } from './tile-changes.ts';
import { encodeTile, type Encoder } from './tile-encoder.ts';
import { degreesToBox, TILE_LAYERS, type Box, type TileLayer } from './tile-geometry.ts';

const gzip = promisify(zlib.gzip);

export interface TileServiceOptions {
  /** Bytes the cache may hold (raw + gzipped tiles); 0 turns the cache off. */
  cacheBytes: number;
  /** Milliseconds between reads of the change log. */
  pollMs?: number;
  /**
   * The primary, when db is a read replica (which takes no writes): old change log rows are
   * deleted there. The log itself is read from db, the server the tiles are encoded from.
   */
  primary?: Queryable;
  log?: (message: string) => void;
}

export const DEFAULT_TILE_POLL_MS = 250;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const GZIP_MIN_BYTES = 1024;
const GZIP_SYNC_MAX_BYTES = 32 * 1024;

export interface TileStats {
  hits: number;
  misses: number;
  evicted: number;
  entries: number;
  bytes: number;
}

/**
 * Tiles for the HTTP layer: from the cache when there, encoded once (concurrent requests for the
 * same tile share the work) and stored gzipped otherwise. The cache follows the database's change
 * log, so edits made through any process reach it:
 * - in the background every pollMs;
 * - before a tile is served when this process has handled a write (non-GET) since its last read,
 *   so whoever made an edit sees it in the next tile they load;
 * - before a tile is served from a cache that has not read the log for a while (database down or
 *   slow): then the tile waits for (or fails with) the database rather than being possibly stale.
 */
export class TileService {
  readonly cache: TileCache;
  private readonly feed: TileChangeFeed;
  private readonly pending = new Map<string, { epoch: number; work: Promise<CachedTile> }>();
  private readonly maxAgeMs: number;
  private encoder: Promise<Encoder> | undefined;
  private writesInFlight = 0;
  private writeGeneration = 0;
  private syncedGeneration = 0;
  private closed = false;
  private readonly counts = { hits: 0, misses: 0, evicted: 0 };
  private readonly layerListeners: { layer: TileLayer; listener: () => void }[] = [];

  constructor(
    /** The server tiles are encoded from (and their layers' TileJSON read from). */
    readonly db: Database,
    options: TileServiceOptions,
  ) {
    const pollMs = options.pollMs ?? DEFAULT_TILE_POLL_MS;
    this.maxAgeMs = Math.max(2_000, pollMs * 8);
    this.cache = new TileCache(options.cacheBytes);
    this.feed = new TileChangeFeed(db, (changes) => this.apply(changes), () => this.reset(), {
      pollMs,
      ...(options.primary ? { prune: options.primary } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  }

  /**
   * Middleware for every request: notes writes, so the next tile is served after reading the
   * change log; and stops following the log when the HTTP server closes (tests open and close many).
   * Without countWrites only the latter: for tiles from a read replica, where this process's
   * writes arrive later, through the log, like every other process's.
   */
  watchWrites({ countWrites = true }: { countWrites?: boolean } = {}): RequestHandler {
    let watchedServer = false;
    return (req, res, next) => {
      if (!watchedServer) {
        watchedServer = true;
        (req.socket as unknown as { server?: EventEmitter }).server?.once('close', () => void this.close());
      }
      if (!countWrites || READ_METHODS.has(req.method)) return next();
      this.writesInFlight++;
      let done = false;
      const finished = () => {
        if (done) return;
        done = true;
        this.writesInFlight--;
        this.writeGeneration++;
      };
      res.once('finish', finished);
      res.once('close', finished);
      next();
    };
  }

  /** The cached tile when it can be served as is (no read of the change log due first); no query. */
  cached(layer: TileLayer, z: number, x: number, y: number): CachedTile | undefined {
    if (this.closed || this.mustSync()) return undefined;
    const tile = this.cache.get(layer, z, x, y);
    if (tile) {
      this.feed.touch();
      this.counts.hits++;
    }
    return tile;
  }

  async tile(layer: TileLayer, z: number, x: number, y: number): Promise<CachedTile> {
    if (this.closed) return this.encode(layer, z, x, y, undefined);
    await this.catchUp();
    const cached = this.cache.get(layer, z, x, y);
    if (cached) {
      this.counts.hits++;
      return cached;
    }
    this.counts.misses++;
    // Requests for a tile being encoded share that work, unless the layer was evicted from since
    // it started (it may predate the change).
    const key = `${layer}/${z}/${x}/${y}`;
    const epoch = this.cache.epoch(layer);
    const running = this.pending.get(key);
    if (running?.epoch === epoch) return running.work;
    const work = this.encode(layer, z, x, y, epoch).finally(() => {
      if (this.pending.get(key)?.work === work) this.pending.delete(key);
    });
    this.pending.set(key, { epoch, work });
    return work;
  }

  /**
   * Resolves once no read of the change log is due, reading it first when one is (this process
   * handled a write since, or the last read is old): for other followers of the log, such as the
   * public facility index.
   */
  async catchUp(): Promise<void> {
    if (this.closed) return;
    this.feed.touch();
    if (!this.mustSync()) return;
    const generation = this.writeGeneration;
    await this.feed.sync();
    this.syncedGeneration = generation;
  }

  /** Calls listener after every read that found changes to the layer, and when the log could not be followed. */
  onLayerChange(layer: TileLayer, listener: () => void): void {
    this.layerListeners.push({ layer, listener });
  }

  private mustSync(): boolean {
    return this.writesInFlight > 0 || this.writeGeneration !== this.syncedGeneration || this.feed.age() > this.maxAgeMs;
  }

  stats(): TileStats {
    return { ...this.counts, entries: this.cache.size, bytes: this.cache.bytes };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.feed.close();
    this.cache.clear();
  }

  private async encode(layer: TileLayer, z: number, x: number, y: number, epoch: number | undefined): Promise<CachedTile> {
    this.encoder ??= this.db.hasMvtSupport().then((mvt) => (mvt ? 'postgis' : 'node'));
    const raw = await encodeTile(this.db, await this.encoder, layer, z, x, y);
    const etag = `"${crypto.createHash('sha1').update(raw).digest('base64url').slice(0, 24)}"`;
    // Gzipped once, here: small tiles at once (microseconds, no thread pool round trip), large ones
    // off the event loop; tiles under GZIP_MIN_BYTES fit a packet as they are.
    let zipped: Buffer | undefined;
    if (raw.length >= GZIP_MIN_BYTES) {
      const g = raw.length <= GZIP_SYNC_MAX_BYTES ? zlib.gzipSync(raw) : await gzip(raw);
      if (g.length < raw.length) zipped = g;
    }
    const tile: CachedTile = { layer, z, x, y, etag, raw, gzip: zipped };
    if (epoch !== undefined) this.cache.set(tile, epoch);
    return tile;
  }

  private apply(changes: TileChange[]): void {
    const byLayer = new Map<TileLayer, Box[]>(TILE_LAYERS.map((l) => [l, []]));
    for (const c of changes) byLayer.get(c.layer)!.push(degreesToBox(c.west, c.south, c.east, c.north));
    for (const [layer, boxes] of byLayer) this.counts.evicted += this.cache.evict(layer, boxes);
    for (const { layer, listener } of this.layerListeners) if (byLayer.get(layer)!.length > 0) listener();
  }

  private reset(): void {
    this.cache.clear();
    for (const { listener } of this.layerListeners) listener();
  }
}
