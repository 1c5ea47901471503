// 民情反馈, the staff side (/api/cases): the inbox, one case, its workflow actions, the reporter's
// phone (each read audited by the server) and the candidates to merge a duplicate into.
import type {
  CaseActionRequest,
  CaseDetail,
  CasePhone,
  CaseSummary,
} from '../../../server/src/contract/cases.ts';
import { getJson, sendJson, withQuery } from './http';

export type {
  CaseAction,
  CaseActionRequest,
  CaseDetail,
  CaseEvent,
  CaseEventKind,
  CaseFeedEvent,
  CaseStatus,
  CaseSummary,
} from '../../../server/src/contract/cases.ts';

/** 待办 (open), 已办结 (closed, rated, rejected, merged) or 全部. */
export type CaseListStatus = 'open' | 'closed' | 'all';

export interface CaseListQuery {
  status: CaseListStatus;
  grid?: string;
  overdue?: boolean;
  limit?: number;
  offset?: number;
}

export interface CasePage {
  cases: CaseSummary[];
  total: number;
  limit: number;
  offset: number;
}

/** The caller's cases (a worker: their grids and transfers to them; supervisors: their scope), by deadline. */
export function getCases(query: CaseListQuery, signal?: AbortSignal): Promise<CasePage> {
  return getJson<CasePage>(
    withQuery('/api/cases', {
      status: query.status,
      grid: query.grid,
      overdue: query.overdue ? 'true' : undefined,
      limit: query.limit,
      offset: query.offset,
    }),
    signal,
  );
}

export function getCase(id: number, signal?: AbortSignal): Promise<CaseDetail> {
  return getJson<CaseDetail>(`/api/cases/${id}`, signal);
}

/** One workflow step; a stale `version` answers 409 VERSION_CONFLICT. */
export function actOnCase(id: number, request: CaseActionRequest): Promise<CaseDetail> {
  return sendJson<CaseDetail>('POST', `/api/cases/${id}/actions`, request);
}

/** The reporter's phone: every read is recorded in the audit log. */
export async function getCasePhone(id: number): Promise<string | null> {
  return (await getJson<CasePhone>(`/api/cases/${id}/phone`)).phone;
}

/** Open cases this one may be merged into (same category, ≤ 50 m, ≤ 7 days apart). */
export async function getCaseDuplicates(id: number, signal?: AbortSignal): Promise<CaseSummary[]> {
  return (await getJson<{ cases: CaseSummary[] }>(`/api/cases/${id}/duplicates`, signal)).cases;
}

/** Where a case's photo is read (staff only). */
export function casePhotoUrl(id: number, seq: number): string {
  return `/api/cases/${id}/photos/${seq}`;
}

/** The live feed of case changes the caller may see (server-sent events, `event: case`). */
export const CASE_EVENTS_URL = '/api/cases/events';
