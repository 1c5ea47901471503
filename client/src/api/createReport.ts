import type { CreatedReport, NewReport } from '../../../server/src/contract/cases.ts';
import { sendJson } from './http';

export type { CreatedReport, NewReport } from '../../../server/src/contract/cases.ts';

/**
 * Sends a resident's report; the answer carries its tracking code. A point outside every grid is
 * an ApiError 404 `OUTSIDE_GRIDS`; too many reports from one address, 429 `RATE_LIMITED`.
 */
export function createReport(report: NewReport): Promise<CreatedReport> {
  return sendJson<CreatedReport>('POST', '/api/reports', report);
}
