// The audit log as admins read it (GET /api/audit). Part of the contract: no server dependencies.

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

/** The entries inside the admin's scope, newest first. */
export interface AuditPage {
  entries: AuditEntry[];
  limit: number;
  offset: number;
}
