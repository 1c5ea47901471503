// Who is signed in (/api/auth) and the account management answers (/api/users). Part of the
// contract: no server dependencies.

export const ROLES = ['leader', 'planner', 'admin', 'gridworker'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in account: GET /api/auth/me and POST /api/auth/login answer `{ user }`. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** City (4 digits), district (6), street (9) or community (12) code; everything the account may see or change lies inside it. */
  regionCode: string;
  regionName: string;
  /** A grid worker's grids (15-digit codes, inside regionCode); empty for every other role. */
  gridCodes: string[];
}

/** An account as create and update answer with it (`{ user }`): no session facts. */
export interface AccountSummary {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  /** A grid worker's grids; empty for every other role. */
  gridCodes: string[];
  /** A disabled account cannot sign in and has no open session; it is kept with its history. */
  disabled: boolean;
}

/** An account in the admin's list. */
export interface Account extends AccountSummary {
  regionName: string;
  /** ISO time it was disabled; null while it is enabled. */
  disabledAt: string | null;
  /** Has a session that was active within the idle timeout. */
  signedIn: boolean;
  /** ISO time of the latest request of any of its open sessions; null when none is open. */
  lastSeen: string | null;
  /** ISO time of its latest successful sign-in; null when it never signed in. */
  lastLogin: string | null;
  createdAt: string;
}

/** GET /api/users: accounts inside the admin's scope, by username. */
export interface AccountPage {
  users: Account[];
  limit: number;
  offset: number;
}

/** POST /api/users. Without `password` the server generates one. */
export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  /** Required for a grid worker (one or more grids inside regionCode); refused for other roles. */
  gridCodes?: string[];
  password?: string;
}

/** POST /api/users answers with the account and its password, shown this once only. */
export interface CreatedAccount {
  user: AccountSummary;
  password: string;
}

/** PUT /api/users/{id}: what changes; not one's own role or scope (422 CANNOT_CHANGE_OWN_ACCESS). */
export interface AccountChange {
  displayName?: string;
  role?: Role;
  regionCode?: string;
  gridCodes?: string[];
}

/**
 * POST /api/users/{id}/disable and /enable answer with the account as it now is. Disabling ends
 * its sessions at once; one's own account cannot be disabled (422 CANNOT_DISABLE_SELF).
 */
export interface AccountStatusChange {
  user: AccountSummary;
  /** Whether the account was in the other state before (false: nothing changed). */
  changed: boolean;
  /** Sessions ended by disabling (0 when enabling). */
  sessionsEnded: number;
}
