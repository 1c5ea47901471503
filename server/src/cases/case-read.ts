import type { SessionUser } from '../auth/user.ts';
import type { CaseDetail, CaseEvent, CaseSummary } from '../contract/cases.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { reachOf, requireSees, type CaseReach } from './case-reach.ts';
import { possibleActions } from './case-rules.ts';

const SQL = {
  list: sqlFile(import.meta.url, 'list-cases.sql'),
  detail: sqlFile(import.meta.url, 'case-detail.sql'),
  events: sqlFile(import.meta.url, 'case-events.sql'),
  photos: sqlFile(import.meta.url, 'case-photos.sql'),
};

export interface CaseFilter {
  /** A supervisor's scope prefix; null with gridCodes null: no restriction (the caller checked). */
  scope: string | null;
  gridCodes: string[] | null;
  status: 'open' | 'ended' | 'all';
  gridCode: string | null;
  overdueOnly: boolean;
  ids: number[] | null;
  limit: number;
  offset: number;
}

type Time = Date | string;

interface SummaryRow extends Omit<CaseSummary, 'transferTo' | 'createdAt' | 'acceptDeadline' | 'closeDeadline'> {
  total: number;
  transferGridId: number | null;
  transferGridCode: string | null;
  transferGridName: string | null;
  createdAt: Time;
  acceptDeadline: Time;
  closeDeadline: Time;
}

export async function listCases(db: Queryable, now: Date, f: CaseFilter): Promise<{ cases: CaseSummary[]; total: number }> {
  const rows = await db.query<SummaryRow>(SQL.list, [now, f.scope, f.gridCodes, f.status, f.gridCode, f.overdueOnly, f.limit, f.offset, f.ids]);
  return { cases: rows.filter((r) => r.id !== null).map(toSummary), total: rows[0]?.total ?? 0 };
}

/** One case's summary, whoever may see it (the caller checks), or 404. */
export async function caseSummary(db: Queryable, now: Date, id: number): Promise<CaseSummary> {
  const { cases } = await listCases(db, now, { scope: null, gridCodes: null, status: 'all', gridCode: null, overdueOnly: false, ids: [id], limit: 1, offset: 0 });
  const summary = cases[0];
  if (!summary) throw new HttpError(404, 'CASE_NOT_FOUND', `没有编号为 ${id} 的案件 (no case with id ${id})`);
  return summary;
}

/** A case the account may see, with what it is to them: 404 when there is none, 403 when out of reach. */
export async function visibleCase(db: Queryable, user: SessionUser, now: Date, id: number): Promise<{ summary: CaseSummary; reach: CaseReach }> {
  const summary = await caseSummary(db, now, id);
  const reach = reachOf(user, summary.gridCode, summary.transferTo?.gridCode ?? null);
  requireSees(user, reach, summary.gridCode);
  return { summary, reach };
}

interface DetailRow {
  description: string;
  communityCode: string;
  communityName: string;
  partyOrg: string | null;
  hasPhone: boolean;
  mergedInto: string | null;
  rating: CaseDetail['rating'];
  ratingComment: string | null;
}

interface EventRow extends Omit<CaseEvent, 'at'> {
  at: Time;
}

/** The whole case as the account sees it, with what they may do now. */
export async function caseDetail(db: Queryable, summary: CaseSummary, reach: CaseReach): Promise<CaseDetail> {
  const [detail] = await db.query<DetailRow>(SQL.detail, [summary.id]);
  if (!detail) throw new HttpError(404, 'CASE_NOT_FOUND', `没有编号为 ${summary.id} 的案件 (no case with id ${summary.id})`);
  const events = await db.query<EventRow>(SQL.events, [summary.id]);
  const photos = await db.query<{ seq: number; width: number; height: number }>(SQL.photos, [summary.id]);
  return {
    ...summary,
    ...detail,
    photos: photos.map((p) => ({ ...p, url: `/api/cases/${summary.id}/photos/${p.seq}` })),
    events: events.map((e) => ({ ...e, at: iso(e.at) })),
    actions: possibleActions(reach, { status: summary.status, transferGridId: summary.transferTo?.gridId ?? null }),
  };
}

function toSummary(r: SummaryRow): CaseSummary {
  const { total: _total, transferGridId, transferGridCode, transferGridName, ...rest } = r;
  return {
    ...rest,
    transferTo: transferGridId !== null ? { gridId: transferGridId, gridCode: transferGridCode!, gridName: transferGridName! } : null,
    createdAt: iso(r.createdAt),
    acceptDeadline: iso(r.acceptDeadline),
    closeDeadline: iso(r.closeDeadline),
  };
}

/** A timestamp as the API writes it (ISO, UTC), whichever driver read it. */
export function iso(t: Time): string {
  return (t instanceof Date ? t : new Date(t)).toISOString();
}
