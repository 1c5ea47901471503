import { Router } from 'express';
import { z } from 'zod';
import { requireRole, requireScope } from '../auth/authenticate.ts';
import type { Role } from '../auth/user.ts';
import type { BuildingCollection } from '../contract/buildings.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { sendCollection, type JsonText } from '../http/json.ts';
import { bboxArgs, bboxParam, communityCodeParam } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';

const LIST_BUILDINGS = sqlFile(import.meta.url, 'list-buildings.sql');

/** Who sees buildings: the roles that see grids' staff data (history, coverage checks). */
export const BUILDING_READERS: Role[] = ['leader', 'planner', 'admin'];

/** Most buildings one request answers (a street's worth); `truncated` says when more matched. */
export const MAX_BUILDINGS = 5000;

const listQuery = z.object({ bbox: bboxParam.optional(), community: communityCodeParam.optional() });

/** The buildings layer (staff): GET /api/buildings. */
export function buildingRoutes(db: Database): Router {
  const router = Router();

  // A map view or a community (or both), only within the account's region; never for the public.
  router.get('/api/buildings', async (req, res) => {
    const user = requireRole(req.user, ...BUILDING_READERS);
    const { bbox, community } = parseOr400(listQuery, req.query);
    if (!bbox && !community) {
      throw new HttpError(400, 'BAD_REQUEST', '请指定范围 (bbox) 或社区 (community)', {
        fields: [{ field: 'bbox', message: 'bbox or community is required' }],
      });
    }
    if (community) requireScope(user, community);
    const rows = await db.query<{ fc: JsonText<BuildingCollection & { truncated: boolean }> }>(LIST_BUILDINGS, [
      ...bboxArgs(bbox),
      community ?? null,
      user.regionCode,
      MAX_BUILDINGS,
    ]);
    res.set('Cache-Control', 'private, no-store');
    sendCollection(res, rows);
  });

  return router;
}
