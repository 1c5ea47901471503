import { Router } from 'express';
import type { AppConfigResponse } from '../contract/finder.ts';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import type { Lifecycle } from '../http/lifecycle.ts';

/** A database that has left a call unanswered this long is reported busy rather than asked again. */
const BUSY_AFTER_MS = 250;

/**
 * /api/health: the process and its database answer. /api/ready: and it takes new work (503 while
 * it shuts down, the database is away or busy with a long statement), for a load balancer or an
 * orchestrator's readiness probe. Neither waits behind a long statement of the embedded database.
 * /api/app-config: the settings the browser app needs (the public address for QR codes and links).
 */
export function healthRoutes(db: Database, lifecycle: Lifecycle, publicUrl?: string): Router {
  const router = Router();
  const appConfig: AppConfigResponse = { publicUrl: publicUrl ? publicUrl.replace(/\/+$/, '') : null };
  router.get('/api/app-config', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(appConfig);
  });
  const busyMs = () => {
    const waited = db.waitingMs?.() ?? 0;
    return waited > BUSY_AFTER_MS ? waited : undefined;
  };
  router.get('/api/ready', async (_req, res) => {
    if (lifecycle.draining) throw new HttpError(503, 'SHUTTING_DOWN', '服务正在重启 (the server is shutting down)', { retryAfterSeconds: 2 });
    if (busyMs() !== undefined) throw new HttpError(503, 'DATABASE_BUSY', '数据库正忙，请稍后再试 (the database is busy with a long statement)', { retryAfterSeconds: 2 });
    await db.query('select 1');
    res.set('Cache-Control', 'no-store').json({ status: 'ready' });
  });
  router.get('/api/health', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    const busy = busyMs();
    if (busy !== undefined) {
      res.json({ status: 'ok', db: { driver: db.driver, busy: true, waitingMs: busy } });
      return;
    }
    const [row] = await db.query<{ postgis: string }>('select postgis_lib_version() as postgis');
    res.json({ status: 'ok', db: { driver: db.driver, postgis: row?.postgis ?? null } });
  });
  return router;
}
