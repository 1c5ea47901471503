import { Router } from 'express';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import type { Lifecycle } from '../http/lifecycle.ts';

/**
 * /api/health: the process and its database answer. /api/ready: and it takes new work (503 while
 * it shuts down or the database is away), for a load balancer or an orchestrator's readiness probe.
 */
export function healthRoutes(db: Database, lifecycle: Lifecycle): Router {
  const router = Router();
  router.get('/api/ready', async (_req, res) => {
    if (lifecycle.draining) throw new HttpError(503, 'SHUTTING_DOWN', '服务正在重启 (the server is shutting down)', { retryAfterSeconds: 2 });
    await db.query('select 1');
    res.set('Cache-Control', 'no-store').json({ status: 'ready' });
  });
  router.get('/api/health', async (_req, res) => {
    const [row] = await db.query<{ postgis: string }>('select postgis_lib_version() as postgis');
    res.set('Cache-Control', 'no-store').json({ status: 'ok', db: { driver: db.driver, postgis: row?.postgis ?? null } });
  });
  return router;
}
