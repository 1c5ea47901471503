import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { sendCollection } from '../http/json.ts';
import { bboxArgs, bboxParam, listParam } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';

const LIST_FACILITIES = sqlFile(import.meta.url, 'list-facilities.sql');

export const FACILITY_KINDS = ['center', 'station', 'party_home', 'rep_studio', 'volunteer_point'] as const;

const listQuery = z.object({ bbox: bboxParam.optional(), kind: listParam(FACILITY_KINDS).optional() });

export function facilityRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/facilities', async (req, res) => {
    const { bbox, kind } = parseOr400(listQuery, req.query);
    // Until sign-in exists every caller is the public: non-public facilities stay hidden.
    sendCollection(res, await db.query<{ fc: string }>(LIST_FACILITIES, [...bboxArgs(bbox), kind ?? null, false]));
  });
  return router;
}
