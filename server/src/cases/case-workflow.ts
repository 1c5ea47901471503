import { recordAudit } from '../audit/record-audit.ts';
import { requireScope } from '../auth/authenticate.ts';
import type { SessionUser } from '../auth/user.ts';
import { REPORT_LIMITS, type CaseActionRequest, type CaseDetail, type CaseFeedEvent, type CaseStatus, type CaseSummary } from '../contract/cases.ts';
import type { Database, Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { caseDetail, caseSummary, visibleCase } from './case-read.ts';
import { reachOf } from './case-reach.ts';
import { ACTION_NAMES, CASE_RULES, mayDo, stateRefusal } from './case-rules.ts';
import { normaliseTrackingCode } from './tracking-code.ts';

const SQL = {
  apply: sqlFile(import.meta.url, 'apply-case-action.sql'),
  insertEvent: sqlFile(import.meta.url, 'insert-case-event.sql'),
  version: sqlFile(import.meta.url, 'case-version.sql'),
  gridByCode: sqlFile(import.meta.url, 'current-grid-by-code.sql'),
  duplicateCheck: sqlFile(import.meta.url, 'duplicate-check.sql'),
};

export interface ActionContext {
  user: SessionUser;
  now: Date;
  ip: string | undefined;
}

/** What one step changes: the row after it, and the event it leaves. */
interface Step {
  status: CaseStatus;
  gridId: number;
  gridCode: string;
  transferGridId: number | null;
  mergedInto: number | null;
  setsAcceptedAt: boolean;
  setsClosedAt: boolean;
  details: Record<string, unknown> | null;
  otherGridCode?: string;
}

/**
 * Applies one workflow action in one transaction: who may, from which version (409), from which
 * status (422), the row's new state and its event. Answers the case as it is after, and the feed
 * event to publish once committed.
 */
export async function applyCaseAction(
  db: Database,
  ctx: ActionContext,
  id: number,
  request: CaseActionRequest,
): Promise<{ detail: CaseDetail; event: CaseFeedEvent }> {
  const rule = CASE_RULES[request.action];
  return db.transaction(async (tx) => {
    const { summary, reach } = await visibleCase(tx, ctx.user, ctx.now, id);
    if (!mayDo(request.action, reach)) {
      throw new HttpError(403, 'FORBIDDEN', `您不能对该案件${ACTION_NAMES[request.action]} (${request.action} on this case is not yours to do)`);
    }
    if (summary.version !== request.version) throw versionConflict(request.version, summary.version);
    const refusal = stateRefusal(request.action, { status: summary.status, transferGridId: summary.transferTo?.gridId ?? null });
    if (refusal) throw new HttpError(422, 'ACTION_NOT_ALLOWED', refusal, { status: summary.status });
    const note = request.note?.trim() || null;
    if (rule.needsNote && !note) {
      throw new HttpError(400, 'BAD_REQUEST', `请填写说明 (note is required for ${request.action})`, { fields: [{ field: 'note', message: 'required' }] });
    }

    const step = await stepOf(tx, ctx, summary, request);
    const [updated] = await tx.query<{ version: number }>(SQL.apply, [
      id, request.version, step.status, step.gridId, step.transferGridId, step.mergedInto, step.setsAcceptedAt, step.setsClosedAt, ctx.now,
    ]);
    if (!updated) {
      const [current] = await tx.query<{ version: number }>(SQL.version, [id]);
      throw versionConflict(request.version, current?.version ?? request.version);
    }
    await tx.query(SQL.insertEvent, [
      id, ctx.now, rule.kind, step.status, step.gridId, ctx.user.username, note, step.details ? JSON.stringify(step.details) : null,
    ]);
    if (request.action === 'reassign') {
      await recordAudit(tx, {
        actor: ctx.user,
        action: 'case.reassign',
        entity: 'case',
        entityIds: [id],
        beforeVersion: request.version,
        afterVersion: updated.version,
        details: step.details ?? undefined,
        ip: ctx.ip,
      });
    }
    const after = await visibleCaseAfter(tx, ctx, id);
    const event: CaseFeedEvent = { caseId: id, code: summary.code, kind: rule.kind, status: step.status, gridCode: step.gridCode };
    if (step.otherGridCode) event.otherGridCode = step.otherGridCode;
    return { detail: after, event };
  });
}

/** The case after the step, as the account now sees it (a transfer they accepted is theirs now). */
async function visibleCaseAfter(tx: Queryable, ctx: ActionContext, id: number): Promise<CaseDetail> {
  const summary = await caseSummary(tx, ctx.now, id);
  return caseDetail(tx, summary, reachOf(ctx.user, summary.gridCode, summary.transferTo?.gridCode ?? null));
}

async function stepOf(tx: Queryable, ctx: ActionContext, c: CaseSummary, request: CaseActionRequest): Promise<Step> {
  const rule = CASE_RULES[request.action];
  const same: Step = {
    status: rule.to ?? c.status,
    gridId: c.gridId,
    gridCode: c.gridCode,
    transferGridId: c.transferTo?.gridId ?? null,
    mergedInto: null,
    setsAcceptedAt: rule.to === 'accepted',
    setsClosedAt: rule.to === 'closed' || rule.to === 'rejected' || rule.to === 'merged',
    details: null,
  };
  switch (request.action) {
    case 'transfer': {
      const to = await targetGrid(tx, request.toGridCode, c);
      return { ...same, transferGridId: to.id, details: { fromGridCode: c.gridCode, toGridCode: to.code }, otherGridCode: to.code };
    }
    case 'accept_transfer': {
      const to = c.transferTo!;
      return { ...same, gridId: to.gridId, gridCode: to.gridCode, transferGridId: null, details: { fromGridCode: c.gridCode, toGridCode: to.gridCode }, otherGridCode: c.gridCode };
    }
    case 'decline_transfer': {
      const to = c.transferTo!;
      return { ...same, transferGridId: null, details: { fromGridCode: c.gridCode, toGridCode: to.gridCode }, otherGridCode: to.gridCode };
    }
    case 'reassign': {
      const to = await targetGrid(tx, request.toGridCode, c);
      requireScope(ctx.user, to.code);
      return { ...same, gridId: to.id, gridCode: to.code, transferGridId: null, details: { fromGridCode: c.gridCode, toGridCode: to.code }, otherGridCode: c.gridCode };
    }
    case 'merge': {
      const into = await duplicateOf(tx, c, request.intoCode);
      return { ...same, transferGridId: null, mergedInto: into.id, details: { intoCode: into.code } };
    }
    default:
      return same;
  }
}

async function targetGrid(tx: Queryable, code: string | undefined, c: CaseSummary): Promise<{ id: number; code: string }> {
  if (!code) throw new HttpError(400, 'BAD_REQUEST', '请选择目标网格 (toGridCode is required)', { fields: [{ field: 'toGridCode', message: 'required' }] });
  const [grid] = await tx.query<{ id: number; code: string }>(SQL.gridByCode, [code]);
  if (!grid) throw new HttpError(404, 'GRID_NOT_FOUND', `没有编码为 ${code} 的现行网格 (no current grid with code ${code})`);
  if (grid.id === c.gridId) throw new HttpError(422, 'ACTION_NOT_ALLOWED', `案件已属于网格 ${code}，请选择另一个网格 (the case is already in grid ${code}: choose another)`);
  return grid;
}

interface DuplicateCheck {
  id: number;
  sameCategory: boolean;
  near: boolean;
  closeInTime: boolean;
  live: boolean;
}

async function duplicateOf(tx: Queryable, c: CaseSummary, intoCode: string | undefined): Promise<{ id: number; code: string }> {
  if (!intoCode) throw new HttpError(400, 'BAD_REQUEST', '请填写要合并到的案件编号 (intoCode is required)', { fields: [{ field: 'intoCode', message: 'required' }] });
  const code = normaliseTrackingCode(intoCode);
  const [check] = code ? await tx.query<DuplicateCheck>(SQL.duplicateCheck, [c.id, code, REPORT_LIMITS.duplicateMetres, REPORT_LIMITS.duplicateDays]) : [];
  if (!check) throw new HttpError(422, 'NOT_A_DUPLICATE', `没有编号为 ${intoCode} 的案件 (no case with code ${intoCode})`);
  const reasons = [
    check.live ? null : '该案件已合并、已退回或就是本案件 (it is merged, rejected, or this case itself)',
    check.sameCategory ? null : '类别不同 (another category)',
    check.near ? null : `相距超过 ${REPORT_LIMITS.duplicateMetres} 米 (more than ${REPORT_LIMITS.duplicateMetres} m away)`,
    check.closeInTime ? null : `上报时间相差超过 ${REPORT_LIMITS.duplicateDays} 天 (reported more than ${REPORT_LIMITS.duplicateDays} days apart)`,
  ].filter((r): r is string => r !== null);
  if (reasons.length > 0) {
    throw new HttpError(422, 'NOT_A_DUPLICATE', `不是重复案件，不能合并 (not a duplicate of ${code}): ${reasons.join('；')}`, { reasons });
  }
  return { id: check.id, code: code! };
}

function versionConflict(expected: number, current: number): HttpError {
  return new HttpError(409, 'VERSION_CONFLICT', `案件已被他人处理，请刷新后重试 (the case changed meanwhile): you acted on version ${expected}, the current one is ${current}`, {
    currentVersion: current,
  });
}
