import { Router, type Request } from 'express';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { requireRole, requireScope } from '../auth/authenticate.ts';
import type { SessionUser } from '../auth/user.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { sendJsonText } from '../http/json.ts';
import { bboxParam } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';
import { HEATMAP_CELL_SIZES, REACH_RADII, type ReachRadius } from './aggregates.ts';
import { hexagonCells, type HeatmapFigures } from './heatmap-cells.ts';
import { pickSites, readPoints, type Candidate } from './station-siting.ts';

const SQL = {
  gridStats: sqlFile(import.meta.url, 'grid-stats.sql'),
  figures: sqlFile(import.meta.url, 'coverage-figures.sql'),
  uncovered: sqlFile(import.meta.url, 'uncovered-cells.sql'),
  heatmap: sqlFile(import.meta.url, 'heatmap.sql'),
  suggestDemand: sqlFile(import.meta.url, 'suggest-demand.sql'),
  suggestCandidates: sqlFile(import.meta.url, 'suggest-candidates.sql'),
};

const region = z.string().regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, 'region must be a 4-, 6-, 9- or 12-digit region code').optional();

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

interface Figures {
  grids: number;
  grids_with_branch: number;
  grids_without_members: number;
  members: number;
  floating: number;
  households: number;
  reached_members: number;
  reached_households: number;
  member_distance_sum: number;
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null);

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
    const [row] = await reads.query<{ stats: string }>(SQL.gridStats, [code]);
    res.set('Cache-Control', 'private, no-store');
    sendJsonText(res, `{"region":${JSON.stringify(code)},"grids":${row?.stats ?? '[]'}}`);
  });

  async function figures(code: string, radius: ReachRadius): Promise<Figures> {
    const [row] = await reads.query<Figures>(SQL.figures, [code, radius]);
    return row!;
  }

  router.get('/api/coverage/summary', async (req, res) => {
    const q = parseOr400(reachQuery, req.query);
    const { code } = regionOf(req, q.region);
    const f = await figures(code, q.radiusMeters);
    res.set('Cache-Control', 'private, no-store').json({
      region: code,
      radiusMeters: q.radiusMeters,
      grids: f.grids,
      gridsWithBranch: f.grids_with_branch,
      gridsWithoutMembers: f.grids_without_members,
      members: f.members,
      floatingMembers: f.floating,
      households: f.households,
      membersPer100Households: f.households > 0 ? Math.round((10000 * f.members) / f.households) / 100 : null,
      membersWithinReachShare: share(f.reached_members, f.members),
      householdsWithinReachShare: share(f.reached_households, f.households),
      // From each grid's centre, weighted by its members: an estimate that needs no home point.
      meanDistanceToStationMeters: f.members > 0 ? Math.round(f.member_distance_sum / f.members) : null,
    });
  });

  router.get('/api/coverage/heatmap', async (req, res) => {
    const q = parseOr400(heatmapQuery, req.query);
    const { code } = regionOf(req, q.region);
    const b = q.bbox ?? { minLng: -180, minLat: -90, maxLng: 180, maxLat: 90 };
    const [figures] = await reads.query<HeatmapFigures>(SQL.heatmap, [b.minLng, b.minLat, b.maxLng, b.maxLat, q.cellMeters, minCellCount, code]);
    // A read of figures derived from members' homes: recorded, with the box asked for.
    await recordAudit(db, { actor: req.user, action: 'coverage.heatmap', details: { region: code, cellMeters: q.cellMeters, bbox: q.bbox ?? null }, ip: req.ip });
    res.set('Cache-Control', 'private, no-store');
    sendJsonText(
      res,
      `{"region":${JSON.stringify(code)},"cellMeters":${q.cellMeters},"minCount":${minCellCount},"suppressed":${figures?.suppressed ?? 0},"total":${figures?.total ?? 0},"cells":${hexagonCells(figures, q.cellMeters)}}`,
    );
  });

  router.get('/api/coverage/stations', async (req, res) => {
    const q = parseOr400(reachQuery, req.query);
    const { code } = regionOf(req, q.region);
    const f = await figures(code, q.radiusMeters);
    const [u] = await reads.query<{ uncovered: string }>(SQL.uncovered, [code, q.radiusMeters]);
    res.set('Cache-Control', 'private, no-store');
    sendJsonText(
      res,
      JSON.stringify({
        region: code,
        radiusMeters: q.radiusMeters,
        members: f.members,
        reachedMembers: f.reached_members,
        membersWithinReachShare: share(f.reached_members, f.members),
        households: f.households,
        reachedHouseholds: f.reached_households,
        householdsWithinReachShare: share(f.reached_households, f.households),
      }).slice(0, -1) +
        `,"uncovered":{"type":"FeatureCollection","features":[${u ? `{"type":"Feature","properties":{"kind":"uncovered"},"geometry":${u.uncovered}}` : ''}]}}`,
    );
  });

  router.get('/api/coverage/suggest-stations', async (req, res) => {
    const q = parseOr400(suggestQuery, req.query);
    const { code } = regionOf(req, q.region);
    const f = await figures(code, q.radiusMeters);
    const [demand] = await reads.query<{ points: Uint8Array }>(SQL.suggestDemand, [code, q.radiusMeters]);
    const candidates = await reads.query<Candidate>(SQL.suggestCandidates, [code]);
    let reached = f.reached_members;
    const sites = pickSites(readPoints(demand?.points ?? new Uint8Array()), candidates, q.radiusMeters, q.count).map(({ candidate: c, adds }) => {
      reached += adds;
      return { gridId: c.id, gridCode: c.code, gridName: c.name, lng: c.lng, lat: c.lat, addsMembers: adds, shareAfter: share(reached, f.members) };
    });
    res.set('Cache-Control', 'private, no-store').json({
      region: code,
      radiusMeters: q.radiusMeters,
      members: f.members,
      shareBefore: share(f.reached_members, f.members),
      sites,
    });
  });

  return router;
}
