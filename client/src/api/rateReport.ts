import type { NewRating, ReportStatus } from '../../../server/src/contract/cases.ts';
import { sendJson } from './http';

export type { NewRating, Rating } from '../../../server/src/contract/cases.ts';

/** The resident's rating of a closed report (满意 / 基本满意 / 不满意); answers with the new status. */
export function rateReport(code: string, rating: NewRating): Promise<ReportStatus> {
  return sendJson<ReportStatus>('POST', `/api/reports/${encodeURIComponent(code)}/rating`, rating);
}
