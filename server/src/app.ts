import http, { type RequestListener } from 'node:http';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { accountRoutes } from './accounts/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { authenticate } from './auth/authenticate.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import { authRoutes } from './auth/routes.ts';
import { sessionCookie } from './auth/session-cookie.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { facilityRoutes } from './facilities/routes.ts';
import { gridRoutes } from './grids/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { importRoutes } from './imports/routes.ts';
import { exportRoutes } from './exports/routes.ts';
import { errorWriter, notFoundApi } from './http/errors.ts';
import { Lifecycle } from './http/lifecycle.ts';
import { anonymousRateLimit, sameOriginWrites, securityHeaders } from './http/security.ts';
import { SharedRateLimit } from './http/shared-rate-limit.ts';
import { staticClient } from './http/static-client.ts';
import { coverageRoutes } from './coverage/routes.ts';
import { memberRoutes } from './members/routes.ts';
import { ogcRoutes } from './ogc/routes.ts';
import { serveCachedTile, tileRoutes } from './tiles/routes.ts';
import { TileService, type TileServiceOptions } from './tiles/tile-service.ts';
import { nearestRoutes } from './nearest/routes.ts';
import { PublicFacilityIndex } from './nearest/public-facility-index.ts';
import { regionRoutes } from './regions/routes.ts';
import { searchRoutes } from './search/routes.ts';

export const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url));

export type AppConfig = Pick<
  Config,
  'publicUrl' | 'trustProxy' | 'sessionIdleMinutes' | 'rateLimitPerMinute' | 'loginMaxFailures' | 'minCellCount'
> &
  Partial<Pick<Config, 'tileCacheMb'>>;

export interface AppOptions {
  db: Database;
  config: AppConfig;
  clientDist?: string;
  /** Overrides for the vector tile cache (tests: poll interval, size). */
  tiles?: Partial<TileServiceOptions>;
}

const DEFAULT_TILE_CACHE_MB = 128;

/** Builds the whole HTTP application without listening, so tests can start it on any port. */
export function createApp({ db, config, clientDist = CLIENT_DIST, tiles: tileOptions }: AppOptions): Express {
  const app = express();
  const tiles = new TileService(db, {
    cacheBytes: (config.tileCacheMb ?? DEFAULT_TILE_CACHE_MB) * 1024 * 1024,
    ...tileOptions,
  });
  app.locals.tiles = tiles;
  const lifecycle = new Lifecycle();
  app.locals.lifecycle = lifecycle;
  const publicFacilities = new PublicFacilityIndex(db, {
    catchUp: () => tiles.catchUp(),
    onFacilitiesChanged: (listener) => tiles.onLayerChange('facilities', listener),
  });
  const cookie = sessionCookie(config);
  app.disable('x-powered-by');
  app.set('etag', false);
  // Behind a reverse proxy, req.ip and req.protocol come from X-Forwarded-* (first hop only).
  app.set('trust proxy', config.trustProxy ? 1 : false);

  // Public vector tiles first: no session lookup, no security headers for a binary tile, their own
  // rate limit (on encoded tiles only) and their own gzip (stored compressed in the tile cache).
  app.use(tiles.watchWrites());
  app.use(tileRoutes(tiles, config.rateLimitPerMinute));
  app.use('/tiles', notFoundApi);

  const rateLimit = anonymousRateLimit(new SharedRateLimit(db, config.rateLimitPerMinute));
  app.use(securityHeaders());
  // The public finder's answers are the same for everyone and a few kilobytes: they come before
  // the session lookup and the compressor, which together cost more than finding the answer.
  app.use(['/api/nearest', '/api/locate', '/api/search'], rateLimit);
  app.use(nearestRoutes(db, publicFacilities));
  app.use(searchRoutes(db));

  app.use(compression({ threshold: 1024 }));
  app.use(cookieParser());
  app.use(authenticate(db, cookie, config.sessionIdleMinutes));
  app.use(['/api', '/ogc'], rateLimit);
  app.use(sameOriginWrites(config.publicUrl));
  // Imports take the raw file as their body, so they come before the JSON parser.
  app.use(importRoutes(db));
  app.use(express.json({ limit: '2mb', type: ['application/json', 'application/geo+json'] }));

  app.use(healthRoutes(db, lifecycle));
  app.use(authRoutes({ db, cookie, throttle: new LoginThrottle(db, config.loginMaxFailures), idleMinutes: config.sessionIdleMinutes }));
  app.use(accountRoutes(db, config.sessionIdleMinutes));
  app.use(auditRoutes(db));
  app.use(regionRoutes(db));
  app.use(gridRoutes(db, config.minCellCount));
  app.use(facilityRoutes(db));
  app.use(memberRoutes(db));
  app.use(coverageRoutes(db, config.minCellCount));
  app.use(exportRoutes(db));
  app.use('/api', notFoundApi);
  app.use(ogcRoutes(db));
  app.use('/ogc', notFoundApi);

  app.use(staticClient(clientDist));
  app.use(errorWriter);

  // Cached tiles are answered by Node's request listener itself; everything else goes to Express.
  // Nothing new is started while the process shuts down.
  const listener: RequestListener = (req, res) => {
    if (lifecycle.refuseWhileDraining(res) || serveCachedTile(tiles, req, res)) return;
    lifecycle.track(res);
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

/** Stops what the app runs besides answering requests (the tile change log follower). */
export async function closeApp(app: Express): Promise<void> {
  await appTiles(app).close();
}
