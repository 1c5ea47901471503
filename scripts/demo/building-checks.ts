// Acceptance checks on buildings.geojson as written (re-read from disk): valid rectangles that do
// not overlap, each anchor (ST_PointOnSurface) well inside exactly one grid, the one its key
// names; household sums per grid as designed, and 胜利门社区 unbalanced in a way that a few
// building moves to neighbouring grids repair.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOUSEHOLD_RANGE, PARK_COMMUNITY, UNBALANCED_COMMUNITY } from './buildings.ts';
import type { GeoDb } from './db.ts';

export interface BuildingCheckReport {
  buildings: number;
  fileKiB: number;
  invalid: number;
  unsortedOrDuplicateKeys: number;
  overlappingPairs: number;
  anchorsNotInExactlyOneGrid: number;
  anchorsInAnotherGrid: number;
  minAnchorBorderDistanceM: number;
  householdsOutOfKindRange: number;
  populationRatioOff: number;
  gridsWithoutBuildings: number;
  ordinaryGrids: number;
  ordinaryBelow: number;
  ordinaryAbove: number;
  parkGridsNotBelow: number;
  unbalancedGridSums: Record<string, number>;
  /** For each grid over the range: the neighbour and the buildings (households) that bring both into range. */
  unbalancedRepair: Record<string, { neighbour: string; moved: number[] }>;
  failures: string[];
}

interface FeatureIn {
  properties: Record<string, unknown>;
  geometry: unknown;
}

const MIN_ANCHOR_BORDER_M = 2;
const MAX_REPAIR_MOVES = 6;

export async function runBuildingChecks(db: GeoDb, dir: string): Promise<BuildingCheckReport> {
  const text = readFileSync(join(dir, 'buildings.geojson'), 'utf8');
  const features = (JSON.parse(text) as { features: FeatureIn[] }).features;
  const grids = (JSON.parse(readFileSync(join(dir, 'grids.geojson'), 'utf8')) as { features: FeatureIn[] }).features;
  await db.exec(`create table chkb_grid (code text, community text, geom geometry);
    create table chkb_building (key text, community text, households int, population int, geom geometry, anchor geometry);`);
  await db.all(
    `insert into chkb_grid select e->>0, e->>1, ST_SetSRID(ST_GeomFromGeoJSON((e->2)::text), 4326)
     from json_array_elements($1::json) e`,
    [JSON.stringify(grids.map((f) => [f.properties.code, f.properties.communityCode, f.geometry]))],
  );
  await db.all(
    `insert into chkb_building select e->>0, e->>1, (e->>2)::int, (e->>3)::int, g, ST_PointOnSurface(g)
     from json_array_elements($1::json) e
     cross join lateral (select ST_SetSRID(ST_GeomFromGeoJSON((e->4)::text), 4326) g) x`,
    [JSON.stringify(features.map((f) => [f.properties.key, f.properties.communityCode, f.properties.households, f.properties.population, f.geometry]))],
  );
  await db.exec(`create index on chkb_grid using gist (geom); create index on chkb_building using gist (geom);
    create index on chkb_building using gist (anchor);`);

  const num = async (sql: string): Promise<number> => Number((await db.one<{ v: number | null }>(sql)).v ?? 0);
  const keys = features.map((f) => String(f.properties.key));
  const unsorted = keys.filter((k, i) => i > 0 && !(k > (keys[i - 1] ?? ''))).length;
  const invalid = await num(
    `select count(*) v from chkb_building
     where not ST_IsValid(geom) or GeometryType(geom) <> 'POLYGON' or ST_NPoints(geom) <> 5 or key !~ '^\\d{18}$'`,
  );
  const overlapping = await num(
    `select count(*) v from chkb_building a join chkb_building b on a.key < b.key and a.geom && b.geom and ST_Intersects(a.geom, b.geom)`,
  );
  const anchors = await db.one<{ notOne: number; other: number; minDist: number | null }>(
    `with hits as (
       select b.key, b.community, count(g.code) n, min(g.code) code, min(g.community) gcommunity,
              min(ST_Distance(b.anchor::geography, ST_Boundary(g.geom)::geography)) dist
       from chkb_building b left join chkb_grid g on g.geom && b.anchor and ST_Intersects(g.geom, b.anchor)
       group by b.key, b.community)
     select count(*) filter (where n <> 1)::int "notOne",
            count(*) filter (where n = 1 and (code <> left(key, 15) or gcommunity <> community))::int other,
            min(dist) "minDist"
     from hits`,
  );
  const kindRange = await num(
    `select count(*) v from chkb_building where not (households between 6 and 30 or households between 48 and 160)`,
  );
  const ratio = await num(
    `select count(*) v from chkb_building where population < round(households * 2.3) or population > round(households * 2.9)`,
  );
  const sums = await db.all<{ code: string; community: string; households: number; buildings: number }>(
    `select g.code, g.community, coalesce(sum(b.households), 0)::int households, count(b.key)::int buildings
     from chkb_grid g left join chkb_building b on left(b.key, 15) = g.code
     group by g.code, g.community order by g.code`,
  );
  const { min, max } = HOUSEHOLD_RANGE;
  const ordinary = sums.filter((s) => s.community !== PARK_COMMUNITY && s.community !== UNBALANCED_COMMUNITY);
  const unbalanced = sums.filter((s) => s.community === UNBALANCED_COMMUNITY);
  const report: BuildingCheckReport = {
    buildings: features.length,
    fileKiB: Math.round(Buffer.byteLength(text) / 1024),
    invalid,
    unsortedOrDuplicateKeys: unsorted,
    overlappingPairs: overlapping,
    anchorsNotInExactlyOneGrid: anchors.notOne,
    anchorsInAnotherGrid: anchors.other,
    minAnchorBorderDistanceM: Number(anchors.minDist ?? 0),
    householdsOutOfKindRange: kindRange,
    populationRatioOff: ratio,
    gridsWithoutBuildings: sums.filter((s) => s.buildings === 0).length,
    ordinaryGrids: ordinary.length,
    ordinaryBelow: ordinary.filter((s) => s.households < min).length,
    ordinaryAbove: ordinary.filter((s) => s.households > max).length,
    parkGridsNotBelow: sums.filter((s) => s.community === PARK_COMMUNITY && s.households >= min).length,
    unbalancedGridSums: Object.fromEntries(unbalanced.map((s) => [s.code, s.households])),
    unbalancedRepair: await repairs(db, unbalanced),
    failures: [],
  };

  const f = report.failures;
  if (report.buildings < 8000 || report.buildings > 12500) f.push(`${report.buildings} buildings (expected 8,000–12,500)`);
  if (report.fileKiB > 4096) f.push('buildings.geojson is over 4 MiB');
  if (report.invalid > 0) f.push('invalid building geometries or keys');
  if (report.unsortedOrDuplicateKeys > 0) f.push('building keys not unique and sorted');
  if (report.overlappingPairs > 0) f.push('buildings overlap');
  if (report.anchorsNotInExactlyOneGrid > 0) f.push('building anchors not in exactly one grid');
  if (report.anchorsInAnotherGrid > 0) f.push('building anchors in a grid other than the one their key names');
  if (report.minAnchorBorderDistanceM < MIN_ANCHOR_BORDER_M) f.push(`a building anchor is within ${MIN_ANCHOR_BORDER_M} m of its grid border`);
  if (report.householdsOutOfKindRange > 0) f.push('building households outside 6–30 and 48–160');
  if (report.populationRatioOff > 0) f.push('building population not 2.3–2.9 per household');
  if (report.gridsWithoutBuildings > 0) f.push('grids without buildings');
  const outShare = (report.ordinaryBelow + report.ordinaryAbove) / Math.max(1, report.ordinaryGrids);
  if (outShare < 0.08 || outShare > 0.12) f.push(`${(outShare * 100).toFixed(1)} % of grids outside ${min}–${max} (expected 8–12 %)`);
  if (report.ordinaryBelow === 0 || report.ordinaryAbove === 0) f.push(`grids outside ${min}–${max} on one side only`);
  if (report.parkGridsNotBelow > 0) f.push(`park-area grids with ${min}+ households`);
  const over = unbalanced.filter((s) => s.households > max);
  if (over.length !== 2) f.push(`${UNBALANCED_COMMUNITY}: ${over.length} grids over ${max} (expected 2)`);
  if (unbalanced.some((s) => s.households < min)) f.push(`${UNBALANCED_COMMUNITY}: a grid below ${min}`);
  if (Object.keys(report.unbalancedRepair).length !== over.length) f.push(`${UNBALANCED_COMMUNITY}: no few-building repair into neighbours`);
  return report;
}

/**
 * For each grid over the range, a neighbour with room and the buildings nearest their shared
 * border (at most a few) whose move brings both into range; neighbours are not shared, so the
 * repairs can be applied together.
 */
async function repairs(
  db: GeoDb,
  grids: readonly { code: string; households: number }[],
): Promise<Record<string, { neighbour: string; moved: number[] }>> {
  const { min, max } = HOUSEHOLD_RANGE;
  const householdsOf = new Map(grids.map((g) => [g.code, g.households]));
  const over = grids.filter((g) => g.households > max).map((g) => g.code);
  const candidates = await db.all<{ big: string; neighbour: string; households: number[] }>(
    `with pairs as (
       select a.code big, b.code neighbour, ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom)) border
       from chkb_grid a join chkb_grid b on a.code <> b.code and a.geom && b.geom and ST_Intersects(a.geom, b.geom)
       where a.code = any ($1::text[]) and b.community = a.community)
     select p.big, p.neighbour,
            array_agg(x.households order by ST_Distance(x.anchor::geography, p.border::geography), x.key) households
     from pairs p join chkb_building x on left(x.key, 15) = p.big
     where ST_Length(p.border::geography) > 30
     group by p.big, p.neighbour order by p.big, p.neighbour`,
    [over],
  );
  const out: Record<string, { neighbour: string; moved: number[] }> = {};
  const taken = new Set<string>(over);
  for (const big of over) {
    for (const c of candidates.filter((x) => x.big === big && !taken.has(x.neighbour))) {
      const from = householdsOf.get(big) ?? 0;
      const to = householdsOf.get(c.neighbour) ?? 0;
      const moved: number[] = [];
      for (const h of c.households.slice(0, MAX_REPAIR_MOVES)) {
        if (from - moved.reduce((t, v) => t + v, 0) <= max) break;
        moved.push(h);
      }
      const sum = moved.reduce((t, v) => t + v, 0);
      if (from - sum <= max && from - sum >= min && to + sum <= max) {
        out[big] = { neighbour: c.neighbour, moved };
        taken.add(c.neighbour);
        break;
      }
    }
  }
  return out;
}
