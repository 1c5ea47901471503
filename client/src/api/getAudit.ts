import { getJson, withQuery } from './http';

export interface AuditEntry {
  id: string;
  at: string;
  /** Username of who did it; null for anonymous events such as a failed sign-in. */
  actor: string | null;
  /** e.g. `grid.update`, `user.create`, `auth.login_failed`, `member.read`. */
  action: string;
  entity: string | null;
  entityIds: string[];
  beforeVersion: number | null;
  afterVersion: number | null;
  details: Record<string, unknown> | null;
  ip: string | null;
}

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
export function getAudit(query: AuditQuery, signal?: AbortSignal): Promise<{ entries: AuditEntry[]; limit: number; offset: number }> {
  return getJson(withQuery('/api/audit', { ...query }), signal);
}
