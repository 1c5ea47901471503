import { Router } from 'express';
import { z } from 'zod';
import { REGION_LEVELS, type RegionCollection } from '../contract/places.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { sendCollection, type JsonText } from '../http/json.ts';
import { parseOr400 } from '../http/validate.ts';

const LIST_REGIONS = sqlFile(import.meta.url, 'list-regions.sql');

const listQuery = z.object({ level: z.enum(REGION_LEVELS).optional() });

export function regionRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/regions', async (req, res) => {
    const { level } = parseOr400(listQuery, req.query);
    sendCollection(res, await db.query<{ fc: JsonText<RegionCollection> }>(LIST_REGIONS, [level ?? null]));
  });
  return router;
}
