import { Router } from 'express';
import type { Database } from '../db/database.ts';

export function healthRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const [row] = await db.query<{ postgis: string }>('select postgis_lib_version() as postgis');
    res.set('Cache-Control', 'no-store').json({ status: 'ok', db: { driver: db.driver, postgis: row?.postgis ?? null } });
  });
  return router;
}
