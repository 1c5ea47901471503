import type { AuditPage } from '../../../server/src/contract/audit.ts';
import { getJson, withQuery } from './http';

export type { AuditEntry, AuditPage } from '../../../server/src/contract/audit.ts';

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
