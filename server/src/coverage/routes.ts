import { Router, type Request } from 'express';
import { z } from 'zod';
import { requireRole, requireScope } from '../auth/authenticate.ts';
import type { SessionUser } from '../auth/user.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { sendJsonText } from '../http/json.ts';
import { bboxParam } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';

const SQL = {
  gridStats: sqlFile(import.meta.url, 'grid-stats.sql'),
  reach: sqlFile(import.meta.url, 'reach.sql'),
  heatmap: sqlFile(import.meta.url, 'heatmap.sql'),
  suggestDemand: sqlFile(import.meta.url, 'suggest-demand.sql'),
  suggestDemandIndex: sqlFile(import.meta.url, 'suggest-demand-index.sql'),
  suggestCandidates: sqlFile(import.meta.url, 'suggest-candidates.sql'),
  suggestBest: sqlFile(import.meta.url, 'suggest-best.sql'),
};

const region = z.string().regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, 'region must be a 4-, 6-, 9- or 12-digit region code').optional();
const radiusMeters = z.coerce
  .number({ message: 'radiusMeters must be a number' })
  .min(100, 'radiusMeters must be at least 100')
  .max(5000, 'radiusMeters must be at most 5000')
  .default(1000);

const regionQuery = z.object({ region });
const reachQuery = z.object({ region, radiusMeters });
const suggestQuery = z.object({
  region,
  radiusMeters,
  count: z.coerce.number({ message: 'count must be a number' }).int().min(1, 'count must be 1–10').max(10, 'count must be 1–10').default(3),
});

interface ReachRow {
  members: number;
  reached_members: number;
  households: number;
  reached_households: number;
  uncovered: string | null;
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null);

/** 覆盖分析: aggregates only, inside the caller's region; never a member record or home point. */
export function coverageRoutes(db: Database, minCellCount: number): Router {
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
    const [row] = await db.query<{ stats: string }>(SQL.gridStats, [code]);
    res.set('Cache-Control', 'private, no-store');
    sendJsonText(res, `{"region":${JSON.stringify(code)},"grids":${row?.stats ?? '[]'}}`);
  });

  router.get('/api/coverage/summary', async (req, res) => {
    const q = parseOr400(reachQuery, req.query);
    const { code } = regionOf(req, q.region);
    const [statsRow] = await db.query<{ stats: string }>(SQL.gridStats, [code]);
    const grids = JSON.parse(statsRow?.stats ?? '[]') as {
      members: number;
      floating: number;
      hasBranch: boolean;
      households: number;
      nearestStationMeters: number | null;
    }[];
    const [reach] = await db.query<ReachRow>(SQL.reach, [code, q.radiusMeters]);
    const members = grids.reduce((s, g) => s + g.members, 0);
    const households = grids.reduce((s, g) => s + g.households, 0);
    res.set('Cache-Control', 'private, no-store').json({
      region: code,
      radiusMeters: q.radiusMeters,
      grids: grids.length,
      gridsWithBranch: grids.filter((g) => g.hasBranch).length,
      gridsWithoutMembers: grids.filter((g) => g.members === 0).length,
      members,
      floatingMembers: grids.reduce((s, g) => s + g.floating, 0),
      households,
      membersPer100Households: households > 0 ? Math.round((10000 * members) / households) / 100 : null,
      membersWithinReachShare: share(reach?.reached_members ?? 0, reach?.members ?? 0),
      householdsWithinReachShare: share(reach?.reached_households ?? 0, reach?.households ?? 0),
      // From each grid's centre, weighted by its members: an estimate that needs no home point.
      meanDistanceToStationMeters: members > 0
        ? Math.round(grids.reduce((s, g) => s + g.members * Number(g.nearestStationMeters ?? 0), 0) / members)
        : null,
    });
  });

  router.get('/api/coverage/heatmap', async (req, res) => {
    const q = parseOr400(
      z.object({
        bbox: bboxParam.optional(),
        cellMeters: z.coerce.number({ message: 'cellMeters must be a number' }).min(50, 'cellMeters must be at least 50').max(5000, 'cellMeters must be at most 5000').default(250),
        region,
      }),
      req.query,
    );
    const { code } = regionOf(req, q.region);
    const b = q.bbox ?? { minLng: -180, minLat: -90, maxLng: 180, maxLat: 90 };
    const [row] = await db.query<{ cells: string; suppressed: number; total: number }>(SQL.heatmap, [
      b.minLng, b.minLat, b.maxLng, b.maxLat, q.cellMeters, minCellCount, code,
    ]);
    res.set('Cache-Control', 'private, no-store');
    sendJsonText(
      res,
      `{"region":${JSON.stringify(code)},"cellMeters":${q.cellMeters},"minCount":${minCellCount},"suppressed":${row?.suppressed ?? 0},"total":${row?.total ?? 0},"cells":${row?.cells ?? '{"type":"FeatureCollection","features":[]}'}}`,
    );
  });

  router.get('/api/coverage/stations', async (req, res) => {
    const q = parseOr400(reachQuery, req.query);
    const { code } = regionOf(req, q.region);
    const [r] = await db.query<ReachRow>(SQL.reach, [code, q.radiusMeters]);
    res.set('Cache-Control', 'private, no-store').json({
      region: code,
      radiusMeters: q.radiusMeters,
      members: r?.members ?? 0,
      reachedMembers: r?.reached_members ?? 0,
      membersWithinReachShare: share(r?.reached_members ?? 0, r?.members ?? 0),
      households: r?.households ?? 0,
      reachedHouseholds: r?.reached_households ?? 0,
      householdsWithinReachShare: share(r?.reached_households ?? 0, r?.households ?? 0),
      uncovered: {
        type: 'FeatureCollection',
        features: r?.uncovered ? [{ type: 'Feature', properties: { kind: 'uncovered' }, geometry: JSON.parse(r.uncovered) as unknown }] : [],
      },
    });
  });

  router.get('/api/coverage/suggest-stations', async (req, res) => {
    const q = parseOr400(suggestQuery, req.query);
    const { code } = regionOf(req, q.region);
    const result = await db.transaction(async (tx) => {
      const [base] = await tx.query<ReachRow>(SQL.reach, [code, q.radiusMeters]);
      await tx.query(SQL.suggestDemand, [code, q.radiusMeters]);
      await tx.exec(SQL.suggestDemandIndex);
      await tx.query(SQL.suggestCandidates, [code]);
      const sites: { gridId: number; gridCode: string; gridName: string; lng: number; lat: number; addsMembers: number; shareAfter: number | null }[] = [];
      let reached = base?.reached_members ?? 0;
      for (let i = 0; i < q.count; i++) {
        const [best] = await tx.query<{ id: number; code: string; name: string; lng: number; lat: number; adds: number }>(SQL.suggestBest, [q.radiusMeters]);
        if (!best || best.adds === 0) break;
        reached += best.adds;
        sites.push({ gridId: best.id, gridCode: best.code, gridName: best.name, lng: best.lng, lat: best.lat, addsMembers: best.adds, shareAfter: share(reached, base?.members ?? 0) });
      }
      return { members: base?.members ?? 0, shareBefore: share(base?.reached_members ?? 0, base?.members ?? 0), sites };
    });
    res.set('Cache-Control', 'private, no-store').json({ region: code, radiusMeters: q.radiusMeters, ...result });
  });

  return router;
}
