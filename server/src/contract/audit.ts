// The audit log as admins read it (GET /api/audit, GET /api/audit/export). Part of the contract:
// no server dependencies.

/**
 * Every action the server records. `recordAudit` takes only these, and the client's dictionary
 * must name each (`auditAction.<action>`), so a new kind of entry cannot reach the log unnamed.
 */
export const AUDIT_ACTIONS = [
  'auth.login', 'auth.login_failed', 'auth.login_disabled', 'auth.logout',
  'user.create', 'user.update', 'user.reset_password', 'user.disable', 'user.enable',
  'member.read', 'coverage.heatmap',
  'grid.create', 'grid.update', 'grid.restore', 'grid.split', 'grid.merge', 'grid.retire', 'grid.preview', 'changeset.revert',
  'grid.assign', 'grid.rebalance', 'grid.draft', 'size-target.update',
  'facility.create', 'facility.update', 'facility.delete',
  'import.grids', 'import.facilities', 'import.members', 'import.buildings',
  'export.grids', 'export.facilities', 'export.regions', 'export.buildings', 'export.coverage', 'export.coverage_map', 'export.members',
  'audit.export',
  'case.phone_read', 'case.reassign', 'case.export', 'category.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One object an entry is about, named as it is now (a grid's name and code, an account's username). */
export interface AuditTarget {
  id: string;
  /** Grid or facility name, an account's display name; null when it no longer exists. */
  name: string | null;
  /** Grid code or username; null where the object has none. */
  code: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  /** Username of who did it; null for anonymous events such as a failed sign-in. */
  actor: string | null;
  /** e.g. `grid.update`, `user.create`, `auth.login_failed`, `member.read` (AUDIT_ACTIONS; older entries may hold others). */
  action: string;
  entity: string | null;
  entityIds: string[];
  /** The entity ids with their names, in the same order; empty for members (never named in the log). */
  targets: AuditTarget[];
  /** Name of the region the details refer to (`region`, `community` or `regionCode`), when there is one. */
  regionName: string | null;
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

/** GET /api/audit/export writes at most this many entries (the newest); narrow the dates for more. */
export const MAX_AUDIT_EXPORT_ROWS = 50_000;
