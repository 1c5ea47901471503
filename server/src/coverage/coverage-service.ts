import { householdRange, sizeTargets } from '../balance/size-target.ts';
import type { CoverageBalance, CoverageBalanceGrid, CoverageGrid, CoverageHeatmap, CoverageSummary, StationReach, SuggestedStations } from '../contract/coverage.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import type { JsonText } from '../http/json.ts';
import type { BBox } from '../http/query-params.ts';
import type { HeatmapCellSize, ReachRadius } from './aggregates.ts';
import { hexagonCells, type HeatmapFigures } from './heatmap-cells.ts';
import { pickSites, readPoints, type Candidate } from './station-siting.ts';

// 覆盖分析's figures for a region, from the kept aggregates: what the routes answer and the
// exports write. Aggregates only; never a member record or a home point.

const SQL = {
  gridStats: sqlFile(import.meta.url, 'grid-stats.sql'),
  gridBalance: sqlFile(import.meta.url, 'grid-balance.sql'),
  figures: sqlFile(import.meta.url, 'coverage-figures.sql'),
  uncovered: sqlFile(import.meta.url, 'uncovered-cells.sql'),
  heatmap: sqlFile(import.meta.url, 'heatmap.sql'),
  suggestDemand: sqlFile(import.meta.url, 'suggest-demand.sql'),
  suggestCandidates: sqlFile(import.meta.url, 'suggest-candidates.sql'),
};

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

async function figures(db: Queryable, region: string, radius: ReachRadius): Promise<Figures> {
  const [row] = await db.query<Figures>(SQL.figures, [region, radius]);
  return row!;
}

/** The per-grid coverage of a region as JSON text (an array, grids in code order). */
export async function gridStatsJson(db: Queryable, region: string): Promise<JsonText<CoverageGrid[]>> {
  const [row] = await db.query<{ stats: JsonText<CoverageGrid[]> }>(SQL.gridStats, [region]);
  return row?.stats ?? '[]';
}

interface BalanceRow {
  id: number;
  code: string;
  name: string;
  community_code: string;
  households: number;
  population: number;
  households_source: CoverageBalanceGrid['householdsSource'];
  community_households: number;
  community_grids: number;
}

/** Every current grid of a region against its community's size target (one aggregate query, then the targets). */
export async function gridBalance(db: Queryable, region: string): Promise<CoverageBalance> {
  const rows = await db.query<BalanceRow>(SQL.gridBalance, [region]);
  const targets = await sizeTargets(db, rows.map((r) => r.community_code));
  const grids = rows.map((r): CoverageBalanceGrid => {
    const target = targets.get(r.community_code)!;
    const even = r.community_grids > 0 ? r.community_households / r.community_grids : 0;
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      communityCode: r.community_code,
      households: r.households,
      population: r.population,
      householdsSource: r.households_source,
      min: target.min,
      max: target.max,
      range: householdRange(r.households, target),
      deviation: even > 0 ? Math.round(((r.households - even) / even) * 10000) / 10000 : 0,
    };
  });
  return { region, grids };
}

/** The region's KPIs: grids, members, households and how many a station reaches within the radius. */
export async function coverageSummary(db: Queryable, region: string, radius: ReachRadius): Promise<CoverageSummary> {
  const f = await figures(db, region, radius);
  return {
    region,
    radiusMeters: radius,
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
  };
}

/** The stations' reach within the radius, with the unreached area as GeoJSON: JSON text. */
export async function stationReachJson(db: Queryable, region: string, radius: ReachRadius): Promise<JsonText<StationReach>> {
  const f = await figures(db, region, radius);
  const [u] = await db.query<{ uncovered: string }>(SQL.uncovered, [region, radius]);
  return (
    JSON.stringify({
      region,
      radiusMeters: radius,
      members: f.members,
      reachedMembers: f.reached_members,
      membersWithinReachShare: share(f.reached_members, f.members),
      households: f.households,
      reachedHouseholds: f.reached_households,
      householdsWithinReachShare: share(f.reached_households, f.households),
    }).slice(0, -1) +
    `,"uncovered":{"type":"FeatureCollection","features":[${u ? `{"type":"Feature","properties":{"kind":"uncovered"},"geometry":${u.uncovered}}` : ''}]}}`
  );
}

/** Where `count` new stations would reach the most members not reached yet, one after the other (greedy max-coverage). */
export async function suggestStations(db: Queryable, region: string, radius: ReachRadius, count: number): Promise<SuggestedStations> {
  const f = await figures(db, region, radius);
  const [demand] = await db.query<{ points: Uint8Array }>(SQL.suggestDemand, [region, radius]);
  const candidates = await db.query<Candidate>(SQL.suggestCandidates, [region]);
  let reached = f.reached_members;
  const sites = pickSites(readPoints(demand?.points ?? new Uint8Array()), candidates, radius, count).map(({ candidate: c, adds }) => {
    reached += adds;
    return { gridId: c.id, gridCode: c.code, gridName: c.name, lng: c.lng, lat: c.lat, addsMembers: adds, shareAfter: share(reached, f.members) };
  });
  return { region, radiusMeters: radius, members: f.members, shareBefore: share(f.reached_members, f.members), sites };
}

/**
 * Members per fixed cell of the whole region (the box only chooses which cells are drawn), cells
 * under minCount withheld: JSON text.
 */
export async function heatmapJson(db: Queryable, region: string, box: BBox | undefined, cellMeters: HeatmapCellSize, minCount: number): Promise<JsonText<CoverageHeatmap>> {
  const b = box ?? { minLng: -180, minLat: -90, maxLng: 180, maxLat: 90 };
  const [f] = await db.query<HeatmapFigures>(SQL.heatmap, [b.minLng, b.minLat, b.maxLng, b.maxLat, cellMeters, minCount, region]);
  return `{"region":${JSON.stringify(region)},"cellMeters":${cellMeters},"minCount":${minCount},"suppressed":${f?.suppressed ?? 0},"total":${f?.total ?? 0},"cells":${hexagonCells(f, cellMeters)}}`;
}
