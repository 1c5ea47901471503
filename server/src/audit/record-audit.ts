import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import type { SessionUser } from '../auth/user.ts';
import type { AuditAction } from '../contract/audit.ts';

const INSERT_AUDIT = sqlFile(import.meta.url, 'insert-audit.sql');

export interface AuditEntry {
  actor: Pick<SessionUser, 'id' | 'username'> | undefined;
  /** `<entity>.<verb>`, e.g. facility.create, member.read, auth.login_failed: one of AUDIT_ACTIONS. */
  action: AuditAction;
  entity?: string;
  entityIds?: readonly (string | number)[];
  beforeVersion?: number;
  afterVersion?: number;
  details?: Record<string, unknown>;
  ip?: string;
}

/** Call inside the transaction of the change it records, so both commit or neither does. */
export async function recordAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(INSERT_AUDIT, [
    e.actor?.id ?? null,
    e.actor?.username ?? null,
    e.action,
    e.entity ?? null,
    (e.entityIds ?? []).map(String),
    e.beforeVersion ?? null,
    e.afterVersion ?? null,
    e.details ? JSON.stringify(e.details) : null,
    e.ip ?? null,
  ]);
}
