import { requireRole } from '../auth/authenticate.ts';
import { inScope, type SessionUser } from '../auth/user.ts';
import type { CaseFeedEvent } from '../contract/cases.ts';
import { HttpError } from '../http/errors.ts';

/** What the signed-in account is to one case. */
export interface CaseReach {
  /** Answers for the case: a worker of its grid, or a supervisor in whose scope the grid lies. */
  acts: boolean;
  /** A leader or admin in whose scope the case's grid lies (may reassign it). */
  supervises: boolean;
  /** The case is being handed to a grid of theirs (a worker of it, or its supervisor). */
  receives: boolean;
}

/** Who works with cases: grid workers and supervisors (leaders, admins). Planners: 403. */
export function requireCaseStaff(user: SessionUser | undefined): SessionUser {
  return requireRole(user, 'gridworker', 'leader', 'admin');
}

/** Whether the account answers for a grid: one of a worker's grids, or inside a supervisor's scope. */
export function answersFor(user: SessionUser, gridCode: string): boolean {
  return user.role === 'gridworker' ? user.gridCodes.includes(gridCode) : inScope(user, gridCode);
}

export function reachOf(user: SessionUser, gridCode: string, transferGridCode: string | null): CaseReach {
  const acts = answersFor(user, gridCode);
  return {
    acts,
    supervises: acts && user.role !== 'gridworker',
    receives: transferGridCode !== null && answersFor(user, transferGridCode),
  };
}

/** A case the account may not see at all: 403 (the case exists; staff endpoints say so). */
export function requireSees(user: SessionUser, reach: CaseReach, gridCode: string): void {
  if (reach.acts || reach.receives) return;
  const whose = user.role === 'gridworker' ? `您的网格 ${user.gridCodes.join(', ')}` : `您的管辖范围 ${user.regionCode} ${user.regionName}`;
  throw new HttpError(403, 'OUTSIDE_SCOPE', `该案件不属于${whose} (the case belongs to grid ${gridCode}, outside your reach)`);
}

/** What a list may show the account: a supervisor's scope prefix, or a worker's grids. */
export function listReach(user: SessionUser): { scope: string | null; gridCodes: string[] | null } {
  return user.role === 'gridworker' ? { scope: null, gridCodes: user.gridCodes } : { scope: user.regionCode, gridCodes: null };
}

/** Whether a live event concerns the account (a worker: their grids and transfers to them). */
export function feedEventFor(user: SessionUser, event: CaseFeedEvent): boolean {
  return answersFor(user, event.gridCode) || (event.otherGridCode !== undefined && answersFor(user, event.otherGridCode));
}
