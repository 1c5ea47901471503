// Decides where things go before PostGIS cuts them: community seeds, which cell belongs to which
// street (exact community counts, contiguous streets), which official code sits in which cell,
// and how many grids each community gets.
import { assignWithCapacities, snapToSamples, weightedKMeans, type WeightedSample } from './cvt.ts';
import { residentialDensity } from './density.ts';
import { latticeInside, LocalProjection, type MultiPolygon, type Position } from './geometry.ts';
import type { Adjacency, CommunityCell, GridSeed } from './partition.ts';
import type { Rng } from './prng.ts';
import { gcjToWgs, type CommunitySource, type StreetSource } from './sources.ts';

export const PROJECTION = new LocalProjection(120.3, 31.58);

/** Rough real positions of the nine streets, read off the GCJ-02 source outline. */
const STREET_ANCHORS_GCJ: Record<string, Position> = {
  '320213021': [120.303, 31.577], // 崇安寺: the old city inside the canal ring
  '320213022': [120.314, 31.55], // 清名桥: old canal quarter, south-east
  '320213023': [120.262, 31.592], // 惠山: west, around the hills
  '320213024': [120.298, 31.598], // 北大街: north of the old city, railway station
  '320213025': [120.336, 31.597], // 广益: east
  '320213026': [120.293, 31.545], // 扬名: south-west
  '320213027': [120.262, 31.618], // 山北: north-west
  '320213028': [120.292, 31.621], // 黄巷: north
  '320213029': [120.326, 31.616], // 瞻江: north-east
};

export const CITY_CORE: Position = gcjToWgs([120.3036, 31.5769]);

/**
 * Community seeds: a density-weighted centroidal Voronoi configuration over the district's main
 * piece. The repaired outline also has small detached pieces; seeding those would make
 * communities (and streets) that touch nothing, so they join whichever cell covers them.
 */
export function placeCommunitySeeds(district: MultiPolygon, count: number, rng: Rng): Position[] {
  const pieces = district.coordinates.map((polygon) => latticeInside([polygon], PROJECTION, 0.05));
  const main = pieces.reduce((best, piece) => (piece.length > best.length ? piece : best), [] as Position[]);
  const samples: WeightedSample[] = main.map((p) => ({
    p: PROJECTION.toKm(p),
    w: residentialDensity(p),
  }));
  return snapToSamples(weightedKMeans(samples, count, rng, 80), samples).map((c) => PROJECTION.toLngLat(c));
}

/** Area-weighted centroid of a cell's outer rings in km (holes are negligible here). */
export function centroidKm(cell: CommunityCell): Position {
  let ax = 0;
  let ay = 0;
  let area = 0;
  for (const polygon of cell.geom.coordinates) {
    const ring = (polygon[0] ?? []).map((p) => PROJECTION.toKm(p));
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x0, y0] = ring[j] as Position;
      const [x1, y1] = ring[i] as Position;
      const cross = x0 * y1 - x1 * y0;
      area += cross;
      ax += (x0 + x1) * cross;
      ay += (y0 + y1) * cross;
    }
  }
  return [ax / (3 * area), ay / (3 * area)];
}

/** Connected groups of the given cells, using only borders between them. */
function components(cellIds: readonly number[], neighbours: Map<number, number[]>): number[][] {
  const inSet = new Set(cellIds);
  const seen = new Set<number>();
  const out: number[][] = [];
  for (const start of cellIds) {
    if (seen.has(start)) continue;
    const group: number[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const id = stack.pop() as number;
      group.push(id);
      for (const n of neighbours.get(id) ?? []) {
        if (inSet.has(n) && !seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    out.push(group.sort((a, b) => a - b));
  }
  return out.sort((a, b) => b.length - a.length || (a[0] ?? 0) - (b[0] ?? 0));
}

export interface StreetAssignment {
  /** cell id → street code */
  streetOfCell: Map<number, string>;
  /** cell id → community code */
  communityOfCell: Map<number, string>;
  iterations: number;
}

/**
 * Capacitated k-means: each street takes exactly as many cells as it has communities, by
 * minimum total squared distance to its anchor (the anchors drift halfway to their groups'
 * centroids between rounds). A street that comes out in pieces gets a growing penalty on its
 * stray cells until every street is one connected piece.
 */
export interface StreetLayoutOptions {
  /** Starting anchors (km, PROJECTION) in street order; the demo district's own when absent. */
  anchorsKm?: readonly Position[];
  /** The point community numbers count outwards from (km); the old city when absent. */
  coreKm?: Position;
}

export function assignStreets(
  cells: readonly CommunityCell[],
  adjacency: readonly Adjacency[],
  streets: readonly StreetSource[],
  communities: readonly CommunitySource[],
  options: StreetLayoutOptions = {},
): StreetAssignment {
  const neighbours = new Map<number, number[]>();
  for (const { a, b } of adjacency) {
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  }
  const capacities = streets.map((s) => communities.filter((c) => c.streetCode === s.code).length);
  const initialAnchors = options.anchorsKm?.slice() ?? streets.map((s) => {
    const gcj = STREET_ANCHORS_GCJ[s.code];
    if (!gcj) throw new Error(`no anchor for street ${s.code}`);
    return PROJECTION.toKm(gcjToWgs(gcj));
  });
  const centres = cells.map(centroidKm);
  const penalty = cells.map(() => streets.map(() => 0));
  let anchors = initialAnchors.slice();
  let assignment: number[] = [];
  for (let iteration = 1; iteration <= 60; iteration++) {
    const cost = centres.map((c, i) =>
      anchors.map(([ax, ay], s) => (c[0] - ax) ** 2 + (c[1] - ay) ** 2 + (penalty[i]?.[s] ?? 0)),
    );
    assignment = assignWithCapacities(cost, capacities);
    if (iteration <= 6) {
      anchors = anchors.map((anchor, s) => {
        const mine = centres.filter((_, i) => assignment[i] === s);
        const mx = mine.reduce((t, p) => t + p[0], 0) / mine.length;
        const my = mine.reduce((t, p) => t + p[1], 0) / mine.length;
        const start = initialAnchors[s] as Position;
        return [(start[0] + mx) / 2, (start[1] + my) / 2];
      });
      continue;
    }
    let broken = false;
    streets.forEach((_, s) => {
      const ids = cells.map((c, i) => (assignment[i] === s ? c.id : -1)).filter((id) => id >= 0);
      const groups = components(ids, neighbours);
      for (const stray of groups.slice(1)) {
        broken = true;
        for (const id of stray) {
          const i = cells.findIndex((c) => c.id === id);
          const row = penalty[i];
          if (row) row[s] = (row[s] ?? 0) + 2;
        }
      }
    });
    if (!broken) {
      return {
        streetOfCell: mapStreets(cells, assignment, streets),
        communityOfCell: mapCodes(cells, assignment, streets, communities, options.coreKm ?? PROJECTION.toKm(CITY_CORE)),
        iterations: iteration,
      };
    }
  }
  throw new Error('could not find contiguous streets');
}

function mapStreets(cells: readonly CommunityCell[], assignment: number[], streets: readonly StreetSource[]): Map<number, string> {
  return new Map(cells.map((c, i) => [c.id, (streets[assignment[i] as number] as StreetSource).code]));
}

/**
 * Within a street, lower community numbers sit nearer the city core (the older quarters); the
 * park management area takes its street's largest cell.
 */
function mapCodes(
  cells: readonly CommunityCell[],
  assignment: number[],
  streets: readonly StreetSource[],
  communities: readonly CommunitySource[],
  core: Position,
): Map<number, string> {
  const out = new Map<number, string>();
  streets.forEach((street, s) => {
    const mine = cells.filter((_, i) => assignment[i] === s);
    const codes = communities.filter((c) => c.streetCode === street.code).map((c) => c.code);
    const isPark = (code: string): boolean => code.slice(9) >= '200';
    const park = codes.filter(isPark);
    const regular = codes.filter((c) => !isPark(c));
    const bySize = mine.slice().sort((a, b) => b.areaM2 - a.areaM2 || a.id - b.id);
    const parkCells = bySize.slice(0, park.length);
    park.forEach((code, i) => out.set((parkCells[i] as CommunityCell).id, code));
    const rest = mine
      .filter((c) => !parkCells.includes(c))
      .map((c) => ({ c, d: Math.hypot(centroidKm(c)[0] - core[0], centroidKm(c)[1] - core[1]) }))
      .sort((a, b) => a.d - b.d || a.c.id - b.c.id);
    rest.forEach(({ c }, i) => out.set(c.id, regular[i] as string));
  });
  return out;
}

/** 4–8 grids per community: more where more people live (density × area), with some noise. */
export function gridCounts(cells: readonly CommunityCell[], rng: Rng, parkCellIds: ReadonlySet<number>): Map<number, number> {
  const mass = cells.map((c) => ({ id: c.id, m: residentialDensity(PROJECTION.toLngLat(centroidKm(c))) * c.areaM2 }));
  const ranked = mass.slice().sort((a, b) => a.m - b.m || a.id - b.id);
  const out = new Map<number, number>();
  ranked.forEach(({ id }, rank) => {
    const score = rank / ranked.length + 0.15 * rng.normal();
    const n = parkCellIds.has(id) ? 4 : Math.max(4, Math.min(8, 4 + Math.floor(score * 5)));
    out.set(id, n);
  });
  return out;
}

/** Grid seeds inside one community: a small centroidal Voronoi run on a fine lattice. */
export function placeGridSeeds(cell: CommunityCell, count: number, rng: Rng): GridSeed[] {
  const spacingKm = Math.sqrt(cell.areaM2 / 1e6 / 600);
  const lattice = latticeInside(cell.geom.coordinates, PROJECTION, spacingKm);
  const samples: WeightedSample[] = lattice.map((p) => ({ p: PROJECTION.toKm(p), w: Math.sqrt(residentialDensity(p)) }));
  return snapToSamples(weightedKMeans(samples, count, rng, 60), samples).map((c, index) => ({
    communityId: cell.id,
    index,
    at: PROJECTION.toLngLat(c),
  }));
}
