import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/authenticate.ts';
import type { SessionUser } from '../auth/user.ts';
import { MAX_AUDIT_EXPORT_ROWS, type AuditEntry, type AuditPage } from '../contract/audit.ts';
import type { Database, Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { attachmentDisposition } from '../exports/content-disposition.ts';
import { toCsv } from '../exports/write-csv.ts';
import { pagingQuery } from '../http/paging.ts';
import { parseOr400 } from '../http/validate.ts';
import { AUDIT_CSV_HEADER, auditCsvRow } from './audit-csv.ts';
import { recordAudit } from './record-audit.ts';

const LIST_AUDIT = sqlFile(import.meta.url, 'list-audit.sql');

/** An instant with its offset; PostgreSQL has no year 0000 (1 BC is 0001 BC), which ISO 8601 allows. */
const instant = z.iso.datetime({ offset: true }).refine((s) => !s.startsWith('0000'), 'there is no year 0000: give a date from 0001');

const filterQuery = {
  action: z.string().regex(/^[a-z_.]{1,64}$/, 'action: letters, _ and . only').optional(),
  actor: z.string().max(64).optional(),
  entity: z.string().regex(/^[a-z_]{1,32}$/).optional(),
  from: instant.optional(),
  to: instant.optional(),
};
const listQuery = z.object({ ...filterQuery, ...pagingQuery() });
const exportQuery = z.object(filterQuery);
type Filters = z.infer<typeof exportQuery>;

function listEntries(db: Queryable, admin: SessionUser, q: Filters, limit: number, offset: number): Promise<AuditEntry[]> {
  return db.query<AuditEntry>(LIST_AUDIT, [
    admin.regionCode,
    q.action ?? null,
    q.actor ?? null,
    q.entity ?? null,
    q.from ?? null,
    q.to ?? null,
    limit,
    offset,
  ]);
}

/** 操作日志: admins read who did what inside their scope, and take the filtered log away as CSV. */
export function auditRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/audit', async (req, res) => {
    const admin = requireRole(req.user, 'admin');
    const q = parseOr400(listQuery, req.query);
    const entries = await listEntries(db, admin, q, q.limit, q.offset);
    res.set('Cache-Control', 'no-store').json({ entries, limit: q.limit, offset: q.offset } satisfies AuditPage);
  });

  // The same entries and filters as the list, newest first, up to MAX_AUDIT_EXPORT_ROWS. The
  // export is itself an entry of the log, written with the read so no file leaves unrecorded.
  router.get('/api/audit/export', async (req, res) => {
    const admin = requireRole(req.user, 'admin');
    const q = parseOr400(exportQuery, req.query);
    const entries = await db.transaction(async (tx) => {
      const rows = await listEntries(tx, admin, q, MAX_AUDIT_EXPORT_ROWS, 0);
      await recordAudit(tx, {
        actor: admin,
        action: 'audit.export',
        details: { region: admin.regionCode, format: 'csv', count: rows.length, filters: q },
        ip: req.ip,
      });
      return rows;
    });
    const day = new Date().toISOString().slice(0, 10);
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachmentDisposition(`audit-${admin.regionCode}-${day}.csv`, `操作日志_${admin.regionName}_${day}.csv`),
      'Cache-Control': 'private, no-store',
    });
    res.send(toCsv(AUDIT_CSV_HEADER, entries.map(auditCsvRow)));
  });
  return router;
}
