import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/authenticate.ts';
import type { AuditEntry, AuditPage } from '../contract/audit.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { pagingQuery } from '../http/paging.ts';
import { parseOr400 } from '../http/validate.ts';

const LIST_AUDIT = sqlFile(import.meta.url, 'list-audit.sql');

/** An instant with its offset; PostgreSQL has no year 0000 (1 BC is 0001 BC), which ISO 8601 allows. */
const instant = z.iso.datetime({ offset: true }).refine((s) => !s.startsWith('0000'), 'there is no year 0000: give a date from 0001');

const listQuery = z.object({
  action: z.string().regex(/^[a-z_.]{1,64}$/, 'action: letters, _ and . only').optional(),
  actor: z.string().max(64).optional(),
  entity: z.string().regex(/^[a-z_]{1,32}$/).optional(),
  from: instant.optional(),
  to: instant.optional(),
  ...pagingQuery(),
});

/** 操作日志: admins read who did what inside their scope. */
export function auditRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/audit', async (req, res) => {
    const admin = requireRole(req.user, 'admin');
    const q = parseOr400(listQuery, req.query);
    const entries = await db.query<AuditEntry>(LIST_AUDIT, [
      admin.regionCode,
      q.action ?? null,
      q.actor ?? null,
      q.entity ?? null,
      q.from ?? null,
      q.to ?? null,
      q.limit,
      q.offset,
    ]);
    res.set('Cache-Control', 'no-store').json({ entries, limit: q.limit, offset: q.offset } satisfies AuditPage);
  });
  return router;
}
