import { Router } from 'express';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import type { Clock } from '../cases/clock.ts';
import { CASE_TREND_WEEKS_MAX } from '../contract/case-stats.ts';
import { HEATMAP_CELL_SIZES, type HeatmapCellSize } from '../contract/coverage.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { attachmentDisposition } from '../exports/content-disposition.ts';
import { HttpError } from '../http/errors.ts';
import { sendJsonText } from '../http/json.ts';
import { wholeNumberParam } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';
import { casePointsJson } from './case-points.ts';
import { overseerOf, periodOf, periodQuery, region } from './period.ts';
import { caseDensityJson } from './public-density.ts';
import { caseScorecard } from './scorecard.ts';
import { scorecardCsv } from './scorecard-csv.ts';
import { caseTrend } from './trend.ts';

export interface CaseStatsOptions {
  clock: Clock;
  minCellCount: number;
}

const CATEGORY_EXISTS_SQL = sqlFile(import.meta.url, 'category-exists.sql');

const scorecardQuery = periodQuery.extend({ format: z.enum(['json', 'csv'], { message: 'format must be json or csv' }).default('json') });
const trendQuery = z.object({
  region,
  weeks: wholeNumberParam('weeks', { min: 1, max: CASE_TREND_WEEKS_MAX }).default(12),
});
const densityQuery = z.object({
  region,
  category: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, 'category must be a category id such as repair').optional(),
  cellMeters: z
    .enum(HEATMAP_CELL_SIZES.map(String) as [string, ...string[]], { message: `cellMeters must be one of ${HEATMAP_CELL_SIZES.join(', ')}` })
    .default('250')
    .transform((v) => Number(v) as HeatmapCellSize),
});

/** 民情 oversight: cases on the map for staff, per-grid scorecards, weekly trend, the public density. */
export function caseStatsRoutes(db: Database, { clock, minCellCount }: CaseStatsOptions): Router {
  const router = Router();

  router.get('/api/case-stats/cases', async (req, res) => {
    const q = parseOr400(periodQuery, req.query);
    const { region: code } = overseerOf(req, q.region);
    const points = await casePointsJson(db, periodOf(code, q, clock), clock());
    res.set('Cache-Control', 'private, no-store');
    sendJsonText(res, points);
  });

  router.get('/api/case-stats/scorecard', async (req, res) => {
    const q = parseOr400(scorecardQuery, req.query);
    const { user, region: code } = overseerOf(req, q.region);
    const period = periodOf(code, q, clock);
    if (q.format === 'json') {
      res.set('Cache-Control', 'private, no-store').json(await caseScorecard(db, period, clock()));
      return;
    }
    // The download is recorded with the read, so no file leaves unrecorded.
    const card = await db.transaction(async (tx) => {
      const read = await caseScorecard(tx, period, clock());
      await recordAudit(tx, {
        actor: user,
        action: 'case.export',
        details: { region: code, from: period.from, to: period.to, format: 'csv', rows: read.grids.length },
        ip: req.ip,
      });
      return read;
    });
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachmentDisposition(`case-scorecard-${code}-${period.from}-${period.to}.csv`, `民情考核_${code}_${period.from}_${period.to}.csv`),
      'Cache-Control': 'private, no-store',
    });
    res.send(scorecardCsv(card));
  });

  router.get('/api/case-stats/trend', async (req, res) => {
    const q = parseOr400(trendQuery, req.query);
    const { region: code } = overseerOf(req, q.region);
    res.set('Cache-Control', 'private, no-store').json(await caseTrend(db, code, q.weeks, clock()));
  });

  // Public: counts per fixed cell only, the whole region at once (there is no box to ask for).
  router.get('/api/case-stats/public-density', async (req, res) => {
    const q = parseOr400(densityQuery, req.query);
    const category = q.category ?? null;
    if (category !== null) {
      const [known] = await db.query(CATEGORY_EXISTS_SQL, [category]);
      if (!known) throw new HttpError(400, 'UNKNOWN_CATEGORY', `没有这个问题类别，请从 /api/report-categories 中选择 (unknown category: ${category})`);
    }
    const density = await caseDensityJson(db, { region: q.region ?? '', category, cellMeters: q.cellMeters, minCount: minCellCount }, clock());
    res.set('Cache-Control', 'public, max-age=300');
    sendJsonText(res, density);
  });

  return router;
}
