import { Router, type Request } from 'express';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { requireRole, requireScope } from '../auth/authenticate.ts';
import type { SessionUser } from '../auth/user.ts';
import type { CoverageGrids } from '../contract/coverage.ts';
import type { Database } from '../db/database.ts';
import { sendJsonText, type JsonText } from '../http/json.ts';
import { bboxParam, regionCode } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';
import { HEATMAP_CELL_SIZES, REACH_RADII } from './aggregates.ts';
import { coverageSummary, gridBalance, gridStatsJson, heatmapJson, stationReachJson, suggestStations } from './coverage-service.ts';

const region = regionCode('region').optional();

/** A number that must be one of the offered values (the aggregates are kept for those only). */
const oneOf = <T extends number>(name: string, values: readonly T[], fallback: T) =>
  z.coerce
    .number({ message: `${name} must be a number` })
    .refine((v): v is T => (values as readonly number[]).includes(v), `${name} must be one of ${values.join(', ')}`)
    .default(fallback)
    .transform((v) => v as T);

const radiusMeters = oneOf('radiusMeters', REACH_RADII, 1000);

const regionQuery = z.object({ region });
const reachQuery = z.object({ region, radiusMeters });
const suggestQuery = z.object({
  region,
  radiusMeters,
  count: z.coerce.number({ message: 'count must be a number' }).int().min(1, 'count must be 1–10').max(10, 'count must be 1–10').default(3),
});
const heatmapQuery = z.object({ bbox: bboxParam.optional(), cellMeters: oneOf('cellMeters', HEATMAP_CELL_SIZES, 250), region });

/**
 * 覆盖分析: aggregates only, inside the caller's region; never a member record or home point.
 * The figures are read from `reads` (a read replica when there is one); the heatmap's audit
 * entries are written to `db`, the primary.
 */
export function coverageRoutes(db: Database, minCellCount: number, reads: Database = db): Router {
  const router = Router();

  /** The region asked for (default: the whole scope), refused outside the scope. */
  function regionOf(req: Request, asked: string | undefined): { user: SessionUser; code: string } {
    const user = requireRole(req.user, 'leader', 'planner', 'admin');
    const code = asked ?? user.regionCode;
    requireScope(user, code);
    return { user, code };
  }

  router.get('/api/coverage/grids', async (req, res) => {
    const { code } = regionOf(req, parseOr400(regionQuery, req.query).region);
    const stats = await gridStatsJson(reads, code);
    res.set('Cache-Control', 'private, no-store');
    const answer: JsonText<CoverageGrids> = `{"region":${JSON.stringify(code)},"grids":${stats}}`;
    sendJsonText(res, answer);
  });

  /** 网格规模: each grid's households against its community's target (no member data, no geometry). */
  router.get('/api/coverage/balance', async (req, res) => {
    const { code } = regionOf(req, parseOr400(regionQuery, req.query).region);
    res.set('Cache-Control', 'private, no-store').json(await gridBalance(reads, code));
  });

  router.get('/api/coverage/summary', async (req, res) => {
    const q = parseOr400(reachQuery, req.query);
    const { code } = regionOf(req, q.region);
    res.set('Cache-Control', 'private, no-store').json(await coverageSummary(reads, code, q.radiusMeters));
  });

  router.get('/api/coverage/heatmap', async (req, res) => {
    const q = parseOr400(heatmapQuery, req.query);
    const { code } = regionOf(req, q.region);
    const heatmap = await heatmapJson(reads, code, q.bbox, q.cellMeters, minCellCount);
    // A read of figures derived from members' homes: recorded, with the box asked for.
    await recordAudit(db, { actor: req.user, action: 'coverage.heatmap', details: { region: code, cellMeters: q.cellMeters, bbox: q.bbox ?? null }, ip: req.ip });
    res.set('Cache-Control', 'private, no-store');
    sendJsonText(res, heatmap);
  });

  router.get('/api/coverage/stations', async (req, res) => {
    const q = parseOr400(reachQuery, req.query);
    const { code } = regionOf(req, q.region);
    const reach = await stationReachJson(reads, code, q.radiusMeters);
    res.set('Cache-Control', 'private, no-store');
    sendJsonText(res, reach);
  });

  router.get('/api/coverage/suggest-stations', async (req, res) => {
    const q = parseOr400(suggestQuery, req.query);
    const { code } = regionOf(req, q.region);
    res.set('Cache-Control', 'private, no-store').json(await suggestStations(reads, code, q.radiusMeters, q.count));
  });

  return router;
}
