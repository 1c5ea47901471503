import type { CaseFeedEvent, CaseStatus } from '../contract/cases.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { STATUS_NAMES } from '../cases/case-rules.ts';
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
    const [found] = await tx.query<{ id: number; status: CaseStatus }>(CASE_BY_CODE, [code]);
    if (!found) throw caseNotFound();
    if (found.status === 'rated') {
      throw new HttpError(409, 'ALREADY_RATED', '这件反映已经评价过了，谢谢 (this report has been rated already)');
    }
    const [rated] = await tx.query<{ case_id: number; grid_code: string }>(RATE_REPORT, [code, rating, comment || null, now]);
    if (!rated) {
      throw new HttpError(
        422,
        'NOT_CLOSED',
        `办结后才能评价，当前状态：${STATUS_NAMES[found.status]} (a report can be rated once it is closed; it is ${found.status})`,
      );
    }
    return { caseId: rated.case_id, code, kind: 'rated', status: 'rated', gridCode: rated.grid_code };
  });
}
