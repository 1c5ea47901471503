import type { ReportStatus } from '../contract/cases.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { normaliseTrackingCode } from '../cases/tracking-code.ts';

const REPORT_STATUS = sqlFile(import.meta.url, 'report-status.sql');

interface StatusRow {
  status: Omit<ReportStatus, 'createdAt' | 'deadline' | 'acceptDeadline' | 'timeline'> & {
    createdAt: string;
    deadline: string;
    acceptDeadline: string;
    timeline: { status: ReportStatus['status']; at: string }[];
  };
}

/** The public status of a case by its tracking code as typed; 404 CASE_NOT_FOUND when there is none. */
export async function reportStatus(db: Queryable, typedCode: string): Promise<ReportStatus> {
  const code = trackingCodeOr404(typedCode);
  const [row] = await db.query<StatusRow>(REPORT_STATUS, [code]);
  if (!row) throw caseNotFound();
  const s = row.status;
  // Times as ISO strings in UTC, whichever driver formatted the JSON.
  return {
    ...s,
    createdAt: iso(s.createdAt),
    deadline: iso(s.deadline),
    acceptDeadline: iso(s.acceptDeadline),
    timeline: s.timeline.map((step) => ({ status: step.status, at: iso(step.at) })),
  };
}

/** The stored form of a typed code, or 404 as for an unknown one. */
export function trackingCodeOr404(typed: string): string {
  const code = normaliseTrackingCode(typed);
  if (code === null) throw caseNotFound();
  return code;
}

export function caseNotFound(): HttpError {
  return new HttpError(404, 'CASE_NOT_FOUND', '没有这个查询码的反映，请核对查询码 (no report has this tracking code: check it, e.g. 7KXM-3PQ9-2AHD)');
}

function iso(t: string): string {
  return new Date(t).toISOString();
}
