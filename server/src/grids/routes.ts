import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { sendCollection, sendJsonText } from '../http/json.ts';
import { bboxArgs, bboxParam, communityCodeParam, idParam } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';

const LIST_GRIDS = sqlFile(import.meta.url, 'list-grids.sql');
const GET_GRID = sqlFile(import.meta.url, 'get-grid.sql');

const listQuery = z.object({ bbox: bboxParam.optional(), community: communityCodeParam.optional() });
const itemParams = z.object({ id: idParam });

export function gridRoutes(db: Database): Router {
  const router = Router();

  router.get('/api/grids', async (req, res) => {
    const { bbox, community } = parseOr400(listQuery, req.query);
    sendCollection(res, await db.query<{ fc: string }>(LIST_GRIDS, [...bboxArgs(bbox), community ?? null]));
  });

  router.get('/api/grids/:id', async (req, res) => {
    const { id } = parseOr400(itemParams, req.params);
    const [row] = await db.query<{ feature: string; version: number }>(GET_GRID, [id]);
    if (!row) throw new HttpError(404, 'GRID_NOT_FOUND', `No current grid with id ${id}`);
    res.setHeader('ETag', `"${row.version}"`);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    sendJsonText(res, row.feature);
  });

  return router;
}
