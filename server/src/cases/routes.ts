import { Router } from 'express';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { CASE_ACTIONS, REPORT_LIMITS, type CaseActionRequest, type CasePhone } from '../contract/cases.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { INT4_MAX } from '../http/integers.ts';
import type { Lifecycle } from '../http/lifecycle.ts';
import { pagingQuery } from '../http/paging.ts';
import { idParam, wholeNumberParam } from '../http/query-params.ts';
import { parseBodyOr400, parseOr400, type ReadsContract } from '../http/validate.ts';
import type { CaseFeed } from './case-feed.ts';
import { streamCaseEvents } from './case-event-stream.ts';
import { listReach, requireCaseStaff } from './case-reach.ts';
import { caseDetail, listCases, visibleCase } from './case-read.ts';
import { applyCaseAction } from './case-workflow.ts';
import type { Clock } from './clock.ts';

const SQL = {
  phone: sqlFile(import.meta.url, 'case-phone.sql'),
  photo: sqlFile(import.meta.url, 'case-photo.sql'),
  duplicates: sqlFile(import.meta.url, 'duplicate-candidates.sql'),
};

export interface CaseRoutesOptions {
  feed: CaseFeed;
  clock: Clock;
  /** Open event streams end when the server starts draining. */
  lifecycle?: Lifecycle;
}

const gridCode = z.string().regex(/^[0-9]{15}$/, 'must be a 15-digit grid code');

const listQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  grid: gridCode.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  ...pagingQuery(50, 500),
});

const caseParams = z.object({ id: idParam });
const photoParams = z.object({ id: idParam, seq: wholeNumberParam('seq', { min: 1, max: REPORT_LIMITS.photosMax }) });

const actionBody = z.strictObject({
  action: z.enum(CASE_ACTIONS),
  version: z.number().int().min(1).max(INT4_MAX),
  note: z.string().max(500, 'note: at most 500 characters').optional(),
  toGridCode: gridCode.optional(),
  intoCode: z.string().max(20).optional(),
});
const readsActionRequest: ReadsContract<typeof actionBody, CaseActionRequest> = true;
void readsActionRequest;

/** 民情反馈, the staff side: inbox, case detail, workflow actions, the reporter's phone, live events. */
export function caseRoutes(db: Database, { feed, clock, lifecycle }: CaseRoutesOptions): Router {
  const router = Router();

  router.get('/api/cases/events', async (req, res) => {
    const user = requireCaseStaff(req.user);
    await streamCaseEvents(req, res, user, feed, lifecycle);
  });

  router.get('/api/cases', async (req, res) => {
    const user = requireCaseStaff(req.user);
    const q = parseOr400(listQuery, req.query);
    const { cases, total } = await listCases(db, clock(), {
      ...listReach(user),
      status: q.status === 'closed' ? 'ended' : q.status,
      gridCode: q.grid ?? null,
      overdueOnly: q.overdue === 'true',
      ids: null,
      limit: q.limit,
      offset: q.offset,
    });
    res.set('Cache-Control', 'no-store').json({ cases, total, limit: q.limit, offset: q.offset });
  });

  router.get('/api/cases/:id', async (req, res) => {
    const user = requireCaseStaff(req.user);
    const { id } = parseOr400(caseParams, req.params);
    const { summary, reach } = await visibleCase(db, user, clock(), id);
    res.set('Cache-Control', 'no-store').json(await caseDetail(db, summary, reach));
  });

  router.post('/api/cases/:id/actions', async (req, res) => {
    const user = requireCaseStaff(req.user);
    const { id } = parseOr400(caseParams, req.params);
    const body = parseBodyOr400(actionBody, req.body);
    const { detail, event } = await applyCaseAction(db, { user, now: clock(), ip: req.ip }, id, body);
    await feed.publish(event);
    res.set('Cache-Control', 'no-store').json(detail);
  });

  // The reporter's phone: the workers of the case's grid and their supervisors only; every read audited.
  router.get('/api/cases/:id/phone', async (req, res) => {
    const user = requireCaseStaff(req.user);
    const { id } = parseOr400(caseParams, req.params);
    const phone = await db.transaction(async (tx) => {
      const { summary, reach } = await visibleCase(tx, user, clock(), id);
      if (!reach.acts) {
        throw new HttpError(403, 'OUTSIDE_SCOPE', `只有网格 ${summary.gridCode} 的网格员及其上级可以查看反映人电话 (only the workers of grid ${summary.gridCode} and their supervisors see the phone)`);
      }
      const [row] = await tx.query<CasePhone>(SQL.phone, [id]);
      await recordAudit(tx, { actor: user, action: 'case.phone_read', entity: 'case', entityIds: [id], ip: req.ip });
      return row?.phone ?? null;
    });
    const answer: CasePhone = { phone };
    res.set('Cache-Control', 'no-store').json(answer);
  });

  router.get('/api/cases/:id/photos/:seq', async (req, res) => {
    const user = requireCaseStaff(req.user);
    const { id, seq } = parseOr400(photoParams, req.params);
    await visibleCase(db, user, clock(), id);
    const [photo] = await db.query<{ mime: string; bytes: Uint8Array }>(SQL.photo, [id, seq]);
    if (!photo) throw new HttpError(404, 'NOT_FOUND', `该案件没有第 ${seq} 张照片 (case ${id} has no photo ${seq})`);
    // Private: a shared cache must not keep a resident's photo; the browser may, as the case's photos do not change.
    res.set({ 'Content-Type': photo.mime, 'Cache-Control': 'private, max-age=86400' }).send(Buffer.from(photo.bytes));
  });

  router.get('/api/cases/:id/duplicates', async (req, res) => {
    const user = requireCaseStaff(req.user);
    const { id } = parseOr400(caseParams, req.params);
    const now = clock();
    await visibleCase(db, user, now, id);
    const candidates = await db.query<{ id: number }>(SQL.duplicates, [id, REPORT_LIMITS.duplicateMetres, REPORT_LIMITS.duplicateDays]);
    const ids = candidates.map((c) => c.id);
    const { cases } =
      ids.length === 0
        ? { cases: [] }
        : await listCases(db, now, { ...listReach(user), status: 'all', gridCode: null, overdueOnly: false, ids, limit: ids.length, offset: 0 });
    const byDistance = new Map(ids.map((cid, i) => [cid, i]));
    cases.sort((a, b) => byDistance.get(a.id)! - byDistance.get(b.id)!);
    res.set('Cache-Control', 'no-store').json({ cases });
  });

  return router;
}
