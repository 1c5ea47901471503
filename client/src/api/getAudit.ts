import type { AuditPage } from '../../../server/src/contract/audit.ts';
import { getJson, withQuery } from './http';

export type { AuditAction, AuditEntry, AuditPage, AuditTarget } from '../../../server/src/contract/audit.ts';
export { MAX_AUDIT_EXPORT_ROWS } from '../../../server/src/contract/audit.ts';

export interface AuditQuery {
  /** A prefix: `grid.` matches every grid action. */
  action?: string;
  /** Exact username. */
  actor?: string;
  entity?: string;
  /** ISO datetimes with offset; `to` is exclusive. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** The audit log inside the admin's scope, newest first. */
export function getAudit(query: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  return getJson(withQuery('/api/audit', { ...query }), signal);
}

/**
 * `/api/audit/export?…`: the filtered log as a CSV attachment (up to MAX_AUDIT_EXPORT_ROWS, newest
 * first), recorded in the log itself. A plain download link with the session cookie fetches it.
 */
export function auditExportUrl(query: Omit<AuditQuery, 'limit' | 'offset'>): string {
  return withQuery('/api/audit/export', { ...query });
}
