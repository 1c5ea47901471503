import type { ReportStatus } from '../../../server/src/contract/cases.ts';
import { getJson } from './http';

export type { ReportStatus } from '../../../server/src/contract/cases.ts';

/** A report's public status by its tracking code (any case, dashes optional); 404 `CASE_NOT_FOUND` when none has it. */
export function getReportStatus(code: string, signal?: AbortSignal): Promise<ReportStatus> {
  return getJson<ReportStatus>(`/api/reports/${encodeURIComponent(code)}`, signal);
}
