import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { Database } from './db/database.ts';
import { facilityRoutes } from './facilities/routes.ts';
import { gridRoutes } from './grids/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { errorWriter, notFoundApi } from './http/errors.ts';
import { staticClient } from './http/static-client.ts';
import { regionRoutes } from './regions/routes.ts';

export const CLIENT_DIST = fileURLToPath(new URL('../../client/dist/', import.meta.url));

export interface AppOptions {
  db: Database;
  clientDist?: string;
}

/** Builds the whole HTTP application without listening, so tests can start it on any port. */
export function createApp({ db, clientDist = CLIENT_DIST }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: '2mb', type: ['application/json', 'application/geo+json'] }));

  app.use(healthRoutes(db));
  app.use(regionRoutes(db));
  app.use(gridRoutes(db));
  app.use(facilityRoutes(db));
  app.use('/api', notFoundApi);

  app.use(staticClient(clientDist));
  app.use(errorWriter);
  return app;
}
