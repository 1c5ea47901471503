import { Router } from 'express';
import { z } from 'zod';
import { requireRole, requireScope } from '../auth/authenticate.ts';
import { findGridCode } from '../grids/find-grid-code.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { pagingQuery } from '../http/paging.ts';
import { communityCodeParam, idParam } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';
import { HttpError } from '../http/errors.ts';

const LIST_MEMBERS = sqlFile(import.meta.url, 'list-members.sql');

const listQuery = z.object({ community: communityCodeParam.optional(), grid: idParam.optional(), ...pagingQuery(50, 500) });

/**
 * Member-level records (sensitive personal information under PIPL): admins only, inside their
 * scope, one community or grid at a time, never home coordinates; every read is audited.
 */
export function memberRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/members', async (req, res) => {
    const admin = requireRole(req.user, 'admin');
    const q = parseOr400(listQuery, req.query);
    if (!q.community && !q.grid) {
      throw new HttpError(400, 'BAD_REQUEST', '请指定社区 (community) 或网格 (grid)', { fields: [{ field: 'community', message: 'community or grid is required' }] });
    }
    requireScope(admin, q.community ?? (await findGridCode(db, q.grid!)));
    const members = await db.transaction(async (tx) => {
      const rows = await tx.query<{ id: number }>(LIST_MEMBERS, [admin.regionCode, q.community ?? null, q.grid ?? null, q.limit, q.offset]);
      await recordAudit(tx, {
        actor: admin,
        action: 'member.read',
        entity: 'member',
        entityIds: rows.map((r) => r.id),
        details: { community: q.community ?? null, grid: q.grid ?? null, count: rows.length },
        ip: req.ip,
      });
      return rows;
    });
    res.set('Cache-Control', 'no-store').json({ members, limit: q.limit, offset: q.offset });
  });
  return router;
}
