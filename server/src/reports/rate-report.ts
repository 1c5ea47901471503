import type { CaseFeedEvent } from '../contract/cases.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { caseNotFound } from './report-status.ts';

const CASE_BY_CODE = sqlFile(import.meta.url, 'case-by-code.sql');
const RATE_REPORT = sqlFile(import.meta.url, 'rate-report.sql');

export interface RatingInput {
  rating: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
  comment?: string | undefined;
}

/** Rates a closed case (once); answers the feed event to publish after commit. */
export async function rateReport(db: Database, code: string, { rating, comment }: RatingInput, now: Date): Promise<CaseFeedEvent> {
  return db.transaction(async (tx) => {
    const [found] = await tx.query<{ id: number; status: string }>(CASE_BY_CODE, [code]);
    if (!found) throw caseNotFound();
    if (found.status === 'rated') {
      throw new HttpError(409, 'ALREADY_RATED', '这件反映已经评价过了，谢谢 (this report has been rated already)');
    }
    const [rated] = await tx.query<{ case_id: number; grid_code: string }>(RATE_REPORT, [code, rating, comment || null, now]);
    if (!rated) {
      throw new HttpError(
        422,
        'NOT_CLOSED',
        `办结后才能评价，当前状态：${STATUS_NAMES[found.status] ?? found.status} (a report can be rated once it is closed; it is ${found.status})`,
      );
    }
    return { caseId: rated.case_id, code, kind: 'rated', status: 'rated', gridCode: rated.grid_code };
  });
}

const STATUS_NAMES: Record<string, string> = {
  pending: '待受理',
  accepted: '已受理',
  in_progress: '处置中',
  closed: '已办结',
  rated: '已回访',
  rejected: '退回/不予受理',
  merged: '已合并',
};
