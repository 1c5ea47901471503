import type { CaseFeedEvent, CreatedReport } from '../contract/cases.ts';
import { REPORT_LIMITS } from '../contract/cases.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { addWorkingDays } from '../cases/deadlines.ts';
import { toWgs84 } from '../geo/crs.ts';
import { HttpError } from '../http/errors.ts';
import type { ReportInput } from './report-input.ts';
import type { ReportQuota } from './report-quota.ts';
import { newTrackingCode } from './tracking-code.ts';

const ACTIVE_CATEGORY = sqlFile(import.meta.url, 'active-category.sql');
const GRID_AT_POINT = sqlFile(import.meta.url, 'grid-at-point.sql');
const CREATE_REPORT = sqlFile(import.meta.url, 'create-report.sql');

/** Codes drawn before giving up: with 60 random bits a second draw is already unheard of. */
const CODE_ATTEMPTS = 5;

export interface ReportContext {
  /** The client's address for the quota (kept only as a keyed hash). */
  address: string;
  now: Date;
}

/**
 * Files a report: the grid holding the point now answers for it, its deadlines come from the
 * category, and the quota, the case and its first event commit together. Answers what the
 * resident is told and the feed event to publish once committed.
 */
export async function createReport(
  db: Database,
  quota: ReportQuota,
  input: ReportInput,
  { address, now }: ReportContext,
): Promise<{ created: CreatedReport; event: CaseFeedEvent }> {
  const [category] = await db.query<{ id: string; accept_days: number; close_days: number }>(ACTIVE_CATEGORY, [input.category]);
  if (!category) throw unknownCategory(input.category);
  const [lng, lat] = toWgs84([input.lng, input.lat], input.crs);
  const acceptDeadline = addWorkingDays(now, category.accept_days);
  const closeDeadline = addWorkingDays(now, category.close_days);

  return db.transaction(async (tx) => {
    await quota.take(tx, address, now);
    const [grid] = await tx.query<{ id: number; code: string; community_code: string }>(GRID_AT_POINT, [lng, lat]);
    if (!grid) {
      throw new HttpError(
        404,
        'OUTSIDE_GRIDS',
        '该位置不在任何网格内，请在地图上确认位置，或直接联系所在社区 (the place is outside every grid: check the point on the map, or contact the community)',
        { lng, lat },
      );
    }
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const code = newTrackingCode();
      const [row] = await tx.query<{ case_id: number }>(CREATE_REPORT, [
        code, category.id, input.description, lng, lat, grid.id, input.phone ?? null, now, acceptDeadline, closeDeadline,
      ]);
      if (!row) continue;
      const created: CreatedReport = {
        code,
        status: 'pending',
        gridCode: grid.code,
        communityCode: grid.community_code,
        statusUrl: `/report/${code}`,
        photosUntil: new Date(now.getTime() + REPORT_LIMITS.photoWindowMinutes * 60_000).toISOString(),
      };
      return { created, event: { caseId: row.case_id, code, kind: 'created', status: 'pending', gridCode: grid.code } };
    }
    throw new Error(`no free tracking code after ${CODE_ATTEMPTS} draws`);
  });
}

export function unknownCategory(given: unknown): HttpError {
  const what = typeof given === 'string' && given !== '' ? `没有这个问题类别 (no category ${given.slice(0, 40)})` : '请选择问题类别 (choose a category)';
  return new HttpError(422, 'UNKNOWN_CATEGORY', `${what}: 类别见 GET /api/report-categories (the categories are listed there)`);
}
