import http, { type IncomingMessage, type RequestListener } from 'node:http';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type Express, type RequestHandler } from 'express';
import { accountRoutes } from './accounts/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { authenticate } from './auth/authenticate.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import { authRoutes } from './auth/routes.ts';
import { sessionCookie } from './auth/session-cookie.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { replicaDatabase } from './db/read-replica.ts';
import { facilityRoutes } from './facilities/routes.ts';
import { changesetRoutes } from './grids/changeset-routes.ts';
import { gridRoutes } from './grids/routes.ts';
import { buildingRoutes } from './buildings/routes.ts';
import { balanceRoutes } from './balance/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { importRoutes } from './imports/routes.ts';
import { exportRoutes } from './exports/routes.ts';
import { errorWriter, notFoundApi } from './http/errors.ts';
import { Lifecycle } from './http/lifecycle.ts';
import { ReadRouting } from './http/read-routing.ts';
import { publicCors } from './http/public-cors.ts';
import { anonymousRateLimit, noSniff, sameOriginWrites, securityHeaders } from './http/security.ts';
import { SharedRateLimit } from './http/shared-rate-limit.ts';
import { staticClient } from './http/static-client.ts';
import { coverageRoutes } from './coverage/routes.ts';
import { memberRoutes } from './members/routes.ts';
import { ogcRoutes } from './ogc/routes.ts';
import { serveCachedTile, tileMissLimiter, tileRoutes } from './tiles/routes.ts';
import { buildingTileRoutes } from './tiles/building-tiles.ts';
import { TileService, type TileServiceOptions } from './tiles/tile-service.ts';
import { serveNearestFast, type NearestFastPath } from './nearest/nearest-fast-path.ts';
import { nearestRoutes } from './nearest/routes.ts';
import { PublicFacilityIndex } from './nearest/public-facility-index.ts';
import { regionRoutes } from './regions/routes.ts';
import { searchRoutes } from './search/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { caseRoutes } from './cases/routes.ts';
import { caseStatsRoutes } from './case-stats/routes.ts';
import { openCaseFeed } from './cases/open-case-feed.ts';
import { startCaseSweeper, type CaseSweeper } from './cases/sweeper.ts';
import { systemClock, type Clock } from './cases/clock.ts';
import type { CaseFeed } from './cases/case-feed.ts';

export const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url));

export type AppConfig = Pick<
  Config,
  'publicUrl' | 'trustProxy' | 'sessionIdleMinutes' | 'rateLimitPerMinute' | 'loginMaxFailures' | 'minCellCount'
> &
  Partial<Pick<Config, 'reportsPerHour'>> &
  Partial<Pick<Config, 'tileCacheMb'>>;

export interface AppOptions {
  db: Database;
  config: AppConfig;
  clientDist?: string;
  /** Overrides for the vector tile cache (tests: poll interval, size). */
  tiles?: Partial<TileServiceOptions>;
  /**
   * A streaming replica of db (DATABASE_READ_URL) for the read-only endpoints; retryAfterMs
   * overrides how long reads stay on the primary after it failed (tests).
   */
  readReplica?: { db: Database; retryAfterMs?: number };
  /** Now for the case workflow (deadlines, escalation, quotas, the phone purge); tests move it. */
  clock?: Clock;
}

/** What a read-only route module reads from: one server, and the caches that follow its change log. */
interface ReadSide {
  db: Database;
  tiles: TileService;
  facilities: PublicFacilityIndex;
}

const DEFAULT_TILE_CACHE_MB = 128;

/** Builds the whole HTTP application without listening, so tests can start it on any port. */
export function createApp({ db, config, clientDist = CLIENT_DIST, tiles: tileOptions, readReplica, clock = systemClock }: AppOptions): Express {
  const app = express();
  const cacheBytes = (config.tileCacheMb ?? DEFAULT_TILE_CACHE_MB) * 1024 * 1024;
  const primary = readSide(db, new TileService(db, { cacheBytes, ...tileOptions }));
  const { tiles } = primary;
  app.locals.tiles = tiles;
  const lifecycle = new Lifecycle();
  app.locals.lifecycle = lifecycle;
  const caseFeed = openCaseFeed(db);
  app.locals.caseFeed = caseFeed;
  app.locals.caseSweeper = startCaseSweeper(db, caseFeed, clock);
  const cookie = sessionCookie(config);

  // With a read replica, the read-only endpoints (tiles, OGC, the public finder and search,
  // coverage, exports) are built twice, on the replica and on the primary, and ReadRouting picks
  // one per request: the primary for a browser that has just written (read-your-writes) and while
  // the replica is down. Everything else, and every write (audit entries, sign-in, sessions, rate
  // limit counts), uses db, the primary.
  //
  // Each side has its own tile cache and public facility index, following the change log of the
  // server it reads from. The log's rows replicate in the same WAL as the data they describe, so
  // a cache that reads the log from the replica and re-encodes from the replica is never older
  // than what it has read: no tile stays stale. Mixing servers would: after the log was read on
  // the primary, a tile encoded on a lagging replica would be cached as current until the next
  // edit. For the same reason a planner's tiles right after an edit (cookie → primary) come from
  // and go into the primary's cache, never the replica's: the replica's cache cannot have that
  // edit yet (its hits are served without asking any server), and a tile newer than the replica's
  // log position would there show anonymous visitors data the rest of their reads do not have
  // yet. Each cache may hold TILE_CACHE_MB; the primary's fills only from those requests and
  // while the replica is down.
  let replica: ReadSide | undefined;
  if (readReplica) {
    const replicaDb = replicaDatabase(readReplica.db);
    const log = tileOptions?.log ?? ((m: string) => console.error(m));
    replica = readSide(replicaDb, new TileService(replicaDb, { cacheBytes, ...tileOptions, primary: db, log: (m) => log(`[read replica] ${m}`) }));
  }
  app.locals.replicaTiles = replica?.tiles;
  const routing = replica && new ReadRouting({ secure: cookie.options.secure === true, retryAfterMs: readReplica?.retryAfterMs });
  const readRoutes = (make: (side: ReadSide) => RequestHandler): RequestHandler =>
    replica && routing ? routing.route(make(replica), make(primary)) : make(primary);
  const tilesFor = (req: IncomingMessage): TileService =>
    replica && routing && req.url?.startsWith('/tiles/') && routing.useReplica(req) ? replica.tiles : tiles;
  app.disable('x-powered-by');
  app.set('etag', false);
  // Behind a reverse proxy, req.ip and req.protocol come from X-Forwarded-* (first hop only).
  app.set('trust proxy', config.trustProxy ? 1 : false);

  // Public vector tiles first: no session lookup, no security headers for a binary tile, their own
  // rate limit (on encoded tiles only) and their own gzip (stored compressed in the tile cache).
  if (routing) app.use(routing.markWrites());
  app.use(tiles.watchWrites());
  if (replica) app.use(replica.tiles.watchWrites({ countWrites: false }));
  // The staff buildings layer: with the session, never from (or into) the public tile cache.
  app.use(buildingTileRoutes(db, [cookieParser(), authenticate(db, cookie, config.sessionIdleMinutes)]));
  const tileMisses = tileMissLimiter(config.rateLimitPerMinute);
  app.use(readRoutes((side) => tileRoutes(side.tiles, tileMisses)));
  app.use('/tiles', notFoundApi);

  // The public finder's answers are JSON, the same for everyone and a few kilobytes: they come
  // before the document security headers, the session lookup and the compressor, which together
  // cost more than finding the answer (a third of /api/nearest's time). Like tiles they carry
  // nosniff only: a policy for scripts, frames and referrers protects pages, not data.
  const anonymousBudget = new SharedRateLimit(db, config.rateLimitPerMinute);
  const rateLimit = anonymousRateLimit(anonymousBudget);
  app.use(['/api/nearest', '/api/locate', '/api/search'], noSniff, rateLimit);
  app.use(readRoutes((side) => nearestRoutes(side.db, side.facilities)));
  app.use(readRoutes((side) => searchRoutes(side.db, db)));
  app.use(securityHeaders());

  // Level 1, as nginx's default: a city's heatmap (6 MB of JSON) compresses in a quarter of the
  // time of the default level 6, for about a fifth more bytes.
  app.use(compression({ threshold: 1024, level: zlib.constants.Z_BEST_SPEED }));
  app.use(cookieParser());
  app.use(authenticate(db, cookie, config.sessionIdleMinutes));
  app.use(['/api', '/ogc'], rateLimit);
  app.use(sameOriginWrites(config.publicUrl));
  // Imports take the raw file as their body, so they come before the JSON parser.
  app.use(importRoutes(db));
  app.use(express.json({ limit: '2mb', type: ['application/json', 'application/geo+json'] }));

  app.use(healthRoutes(db, lifecycle, config.publicUrl));
  app.use(authRoutes({ db, cookie, throttle: new LoginThrottle(db, config.loginMaxFailures), idleMinutes: config.sessionIdleMinutes }));
  app.use(accountRoutes(db, config.sessionIdleMinutes));
  app.use(auditRoutes(db));
  app.use(regionRoutes(db));
  app.use(gridRoutes(db, config.minCellCount));
  app.use(changesetRoutes(db, config.minCellCount));
  app.use(buildingRoutes(db));
  app.use(balanceRoutes(db, config.minCellCount));
  app.use(facilityRoutes(db));
  app.use(memberRoutes(db));
  app.use(reportRoutes(db, { feed: caseFeed, clock, reportsPerHour: config.reportsPerHour }));
  app.use(caseRoutes(db, { feed: caseFeed, clock, lifecycle }));
  app.use(caseStatsRoutes(db, { clock, minCellCount: config.minCellCount }));
  app.use(readRoutes((side) => coverageRoutes(db, config.minCellCount, side.db)));
  app.use(readRoutes((side) => exportRoutes(db, side.db)));
  app.use('/api', notFoundApi);
  app.use(readRoutes((side) => ogcRoutes(side.db)));
  app.use('/ogc', notFoundApi);

  app.use(staticClient(clientDist));
  app.use(errorWriter);

  // CORS headers for the public reads come first, so the fast paths below send them too. Cached
  // tiles and the finder's common nearest request are answered by Node's request listener
  // itself; everything else goes to Express. The nearest fast path keys its rate limit by the
  // socket's address, so it stays off behind a proxy (Express reads X-Forwarded-For there) and
  // with a read replica (Express picks the side). Nothing new is started while the process shuts down.
  const nearestFast: NearestFastPath | null =
    replica || config.trustProxy ? null : { facilities: primary.facilities, limit: anonymousBudget, fallback: (req, res) => app(req, res) };
  const listener: RequestListener = (req, res) => {
    if (lifecycle.refuseWhileDraining(res) || publicCors(req, res) || serveCachedTile(tilesFor(req), req, res)) return;
    lifecycle.track(res);
    if (nearestFast && serveNearestFast(nearestFast, req, res)) return;
    app(req, res);
  };
  app.listen = ((...args: Parameters<http.Server['listen']>) => http.createServer(listener).listen(...args)) as Express['listen'];
  return app;
}

/** The app's vector tile service (its cache and change log follower). */
export function appTiles(app: Express): TileService {
  return app.locals.tiles as TileService;
}

/** Whether the app is shutting down (set by whoever closes its server). */
export function appLifecycle(app: Express): Lifecycle {
  return app.locals.lifecycle as Lifecycle;
}

/** Stops what the app runs besides answering requests (the tile change log followers). */
export async function closeApp(app: Express): Promise<void> {
  (app.locals.caseSweeper as CaseSweeper).close();
  await (app.locals.caseFeed as CaseFeed).close();
  await appTiles(app).close();
  await (app.locals.replicaTiles as TileService | undefined)?.close();
}

/** A server to read from with its tile cache, and the public facility index following that cache's log. */
function readSide(db: Database, tiles: TileService): ReadSide {
  const facilities = new PublicFacilityIndex(db, {
    catchUp: () => tiles.catchUp(),
    onFacilitiesChanged: (listener) => tiles.onLayerChange('facilities', listener),
  });
  return { db, tiles, facilities };
}
