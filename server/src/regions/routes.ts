import { Router } from 'express';
import { z } from 'zod';
import { REGION_LEVELS, type RegionCollection } from '../contract/places.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { sendCollection, type JsonText } from '../http/json.ts';
import { regionCode } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';

const LIST_REGIONS = sqlFile(import.meta.url, 'list-regions.sql');

const listQuery = z.object({ level: z.enum(REGION_LEVELS).optional(), code: regionCode('code').optional() });

export function regionRoutes(db: Database): Router {
  const router = Router();
  /** `?level=` one level's regions, `?code=` one region (an empty collection when there is none). */
  router.get('/api/regions', async (req, res) => {
    const { level, code } = parseOr400(listQuery, req.query);
    sendCollection(res, await db.query<{ fc: JsonText<RegionCollection> }>(LIST_REGIONS, [level ?? null, code ?? null]));
  });
  return router;
}
