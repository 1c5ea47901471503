// First-draft division of a community into k grids, from its buildings alone.
//
// Method: seeded region growing followed by AZP local search (Openshaw's Automatic Zoning
// Procedure), on the graph of buildings (each building's Voronoi cell; the pieces of a cell are
// merged back into it, so existing grids are ignored: a draft starts over).
// 1. Seeds: k buildings far apart — farthest-point selection on the cells' centroids (the first
//    seed is the building farthest from the community's centre), then a few Lloyd steps that move
//    each seed to the building nearest the household-weighted centre of the buildings closest to it.
// 2. Growing: the region with the fewest households takes next one of the buildings bordering it
//    — a building of an estate (block) it already holds first, then the one sharing the longest
//    border with it, then the one nearest its seed — until every building is taken.
// 3. AZP: buildings on a region's edge move to a neighbouring region while that improves the
//    objective, in lexicographic order: households outside the range (summed over regions), then
//    estates split between regions, then compactness (sum of Polsby–Popper scores); the region
//    left behind must stay contiguous and non-empty. Passes repeat until none improves (bounded).
// Everything is deterministic: ties go to the lower index, no random numbers, no clock.
import { polsbyPopper } from './compactness.ts';
import { adjacencyLists, ContiguityChecker, rangeViolation, type Neighbour } from './graph-connectivity.ts';
import type { DraftResult, HouseholdTarget, PieceGraph } from './piece-graph.ts';

export const DRAFT_METHOD = 'seeded region growing (farthest-point seeds) + AZP local search';

/** A k that cannot give contiguous, non-empty grids (k < 1, not a whole number, or more than the buildings). */
export class DraftKError extends Error {
  readonly code = 'BAD_K' as const;
  constructor(readonly k: number, readonly buildings: number) {
    super(`网格数 ${k} 不可行：应为 1 到 ${buildings} 之间的整数 (k must be a whole number from 1 to ${buildings}, the community's buildings)`);
    this.name = 'DraftKError';
  }
}

export interface DraftOptions {
  k?: number;
  /** AZP passes at most (default 40). */
  maxPasses?: number;
}

/**
 * The number of grids for a community of `total` households and `buildings` buildings: total over
 * the middle of the range, rounded, kept where k·min ≤ total ≤ k·max when such a k exists, and
 * between 1 and the number of buildings.
 */
export function chooseK(total: number, buildings: number, target: HouseholdTarget): number {
  const mid = (target.min + target.max) / 2;
  let k = mid > 0 ? Math.round(total / mid) : 1;
  const lo = target.max > 0 ? Math.ceil(total / target.max) : 1;
  const hi = target.min > 0 ? Math.floor(total / target.min) : Infinity;
  if (lo <= hi) k = Math.min(Math.max(k, lo), hi);
  return Math.max(1, Math.min(buildings, k));
}

/** Buildings as the draft's units: the pieces of each building's cell merged. */
interface Units {
  buildingIds: number[];
  households: Float64Array;
  area: Float64Array;
  perimeter: Float64Array;
  block: (string | null)[];
  /** Centroids in metres (local plane) and in degrees. */
  x: Float64Array;
  y: Float64Array;
  lng: Float64Array;
  lat: Float64Array;
  adj: Neighbour[][];
}

function buildUnits(graph: PieceGraph): Units {
  const buildingIds = [...new Set(graph.pieces.map((p) => p.buildingId))].sort((a, b) => a - b);
  const unitOf = new Map(buildingIds.map((b, i) => [b, i]));
  const n = buildingIds.length;
  const households = new Float64Array(n);
  const area = new Float64Array(n);
  const perimeter = new Float64Array(n);
  const block: (string | null)[] = new Array<string | null>(n).fill(null);
  const lng = new Float64Array(n);
  const lat = new Float64Array(n);
  for (const p of graph.pieces) {
    const u = unitOf.get(p.buildingId)!;
    households[u] = households[u]! + p.households;
    area[u] = area[u]! + p.areaSqm;
    perimeter[u] = perimeter[u]! + p.perimeterM;
    if (p.block !== null && (block[u] === null || p.own)) block[u] = p.block;
    lng[u] = lng[u]! + p.centroid[0] * p.areaSqm;
    lat[u] = lat[u]! + p.centroid[1] * p.areaSqm;
  }
  const unitEdges: { a: number; b: number; lengthM: number }[] = [];
  for (const e of graph.edges) {
    const a = unitOf.get(graph.pieces[e.a]!.buildingId)!;
    const b = unitOf.get(graph.pieces[e.b]!.buildingId)!;
    if (a === b) perimeter[a] = perimeter[a]! - 2 * e.lengthM;
    else unitEdges.push({ a, b, lengthM: e.lengthM });
  }
  // Centroids: area-weighted over the pieces (plain mean where the pieces have no area).
  const counts = new Float64Array(n);
  const plainLng = new Float64Array(n);
  const plainLat = new Float64Array(n);
  for (const p of graph.pieces) {
    const u = unitOf.get(p.buildingId)!;
    counts[u] = counts[u]! + 1;
    plainLng[u] = plainLng[u]! + p.centroid[0];
    plainLat[u] = plainLat[u]! + p.centroid[1];
  }
  let latSum = 0;
  for (let u = 0; u < n; u++) {
    if (area[u]! > 0) { lng[u] = lng[u]! / area[u]!; lat[u] = lat[u]! / area[u]!; }
    else { lng[u] = plainLng[u]! / counts[u]!; lat[u] = plainLat[u]! / counts[u]!; }
    latSum += lat[u]!;
  }
  const cosLat = Math.cos(((n > 0 ? latSum / n : 0) * Math.PI) / 180);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let u = 0; u < n; u++) { x[u] = lng[u]! * 111_320 * cosLat; y[u] = lat[u]! * 110_540; }
  return { buildingIds, households, area, perimeter, block, x, y, lng, lat, adj: adjacencyLists(n, unitEdges) };
}

const dist2 = (u: Units, a: number, b: number) => (u.x[a]! - u.x[b]!) ** 2 + (u.y[a]! - u.y[b]!) ** 2;

/** k seeds far apart: farthest-point selection, then Lloyd steps weighted by households. */
function chooseSeeds(units: Units, k: number): number[] {
  const n = units.buildingIds.length;
  let cx = 0;
  let cy = 0;
  for (let u = 0; u < n; u++) { cx += units.x[u]!; cy += units.y[u]!; }
  cx /= n;
  cy /= n;
  let first = 0;
  let far = -1;
  for (let u = 0; u < n; u++) {
    const d = (units.x[u]! - cx) ** 2 + (units.y[u]! - cy) ** 2;
    if (d > far) { far = d; first = u; }
  }
  const seeds = [first];
  const isSeed = new Uint8Array(n);
  isSeed[first] = 1;
  const nearest = new Float64Array(n).fill(Infinity);
  while (seeds.length < k) {
    const last = seeds[seeds.length - 1]!;
    let pick = -1;
    let best = -1;
    for (let u = 0; u < n; u++) {
      nearest[u] = Math.min(nearest[u]!, dist2(units, u, last));
      if (isSeed[u] === 0 && nearest[u]! > best) { best = nearest[u]!; pick = u; }
    }
    seeds.push(pick);
    isSeed[pick] = 1;
  }
  for (let step = 0; step < 5; step++) {
    const sx = new Float64Array(k);
    const sy = new Float64Array(k);
    const sw = new Float64Array(k);
    for (let u = 0; u < n; u++) {
      let r = 0;
      for (let i = 1; i < k; i++) if (dist2(units, u, seeds[i]!) < dist2(units, u, seeds[r]!)) r = i;
      const w = units.households[u]! + 1e-3;
      sx[r] = sx[r]! + units.x[u]! * w;
      sy[r] = sy[r]! + units.y[u]! * w;
      sw[r] = sw[r]! + w;
    }
    const taken = new Set<number>();
    const next = seeds.map((seed, r) => {
      if (!(sw[r]! > 0)) return seed;
      const tx = sx[r]! / sw[r]!;
      const ty = sy[r]! / sw[r]!;
      let pick = seed;
      let best = Infinity;
      for (let u = 0; u < n; u++) {
        const d = (units.x[u]! - tx) ** 2 + (units.y[u]! - ty) ** 2;
        if (d < best && !taken.has(u)) { best = d; pick = u; }
      }
      taken.add(pick);
      return pick;
    });
    if (new Set(next).size < k || next.every((s, i) => s === seeds[i])) break;
    seeds.splice(0, k, ...next);
  }
  return seeds;
}

/** Regions under construction: assignment and running sums. */
class Regions {
  readonly of: Int32Array;
  readonly households: Float64Array;
  readonly area: Float64Array;
  readonly perimeter: Float64Array;
  readonly size: Int32Array;
  /** Buildings of each block in each region: key `${block}\u0000${region}`. */
  readonly blockCount = new Map<string, number>();

  constructor(private readonly units: Units, k: number) {
    this.of = new Int32Array(units.buildingIds.length).fill(-1);
    this.households = new Float64Array(k);
    this.area = new Float64Array(k);
    this.perimeter = new Float64Array(k);
    this.size = new Int32Array(k);
  }

  borderTo(u: number, r: number): number {
    let l = 0;
    for (const n of this.units.adj[u]!) if (this.of[n.to] === r) l += n.lengthM;
    return l;
  }

  blocksIn(block: string | null, r: number): number {
    return block === null ? 0 : this.blockCount.get(`${block}\u0000${r}`) ?? 0;
  }

  add(u: number, r: number): void {
    const un = this.units;
    this.households[r] = this.households[r]! + un.households[u]!;
    this.area[r] = this.area[r]! + un.area[u]!;
    this.perimeter[r] = this.perimeter[r]! + un.perimeter[u]! - 2 * this.borderTo(u, r);
    this.size[r] = this.size[r]! + 1;
    this.of[u] = r;
    const b = un.block[u];
    if (b !== null && b !== undefined) this.blockCount.set(`${b}\u0000${r}`, this.blocksIn(b, r) + 1);
  }

  remove(u: number): void {
    const r = this.of[u]!;
    const un = this.units;
    this.of[u] = -1;
    this.households[r] = this.households[r]! - un.households[u]!;
    this.area[r] = this.area[r]! - un.area[u]!;
    this.perimeter[r] = this.perimeter[r]! - un.perimeter[u]! + 2 * this.borderTo(u, r);
    this.size[r] = this.size[r]! - 1;
    const b = un.block[u];
    if (b !== null && b !== undefined) this.blockCount.set(`${b}\u0000${r}`, this.blocksIn(b, r) - 1);
  }

  compactness(r: number): number {
    return polsbyPopper(this.area[r]!, this.perimeter[r]!);
  }
}

function grow(units: Units, seeds: number[]): Regions {
  const n = units.buildingIds.length;
  const k = seeds.length;
  const regions = new Regions(units, k);
  const frontier: Set<number>[] = Array.from({ length: k }, () => new Set<number>());
  let assigned = 0;
  const take = (u: number, r: number) => {
    regions.add(u, r);
    assigned++;
    for (const f of frontier) f.delete(u);
    for (const nb of units.adj[u]!) if (regions.of[nb.to] === -1) frontier[r]!.add(nb.to);
  };
  seeds.forEach((s, r) => take(s, r));
  while (assigned < n) {
    let r = -1;
    for (let i = 0; i < k; i++) {
      if (frontier[i]!.size === 0) continue;
      if (r < 0 || regions.households[i]! < regions.households[r]!) r = i;
    }
    if (r < 0) {
      // Buildings no region can reach (a part of the community cut off): each to the region of the
      // nearest building already placed.
      for (let u = 0; u < n; u++) {
        if (regions.of[u] !== -1) continue;
        let best = -1;
        for (let v = 0; v < n; v++) if (regions.of[v]! >= 0 && (best < 0 || dist2(units, u, v) < dist2(units, u, best))) best = v;
        take(u, regions.of[best]!);
        break;
      }
      continue;
    }
    let pick = -1;
    let pickKey: [number, number, number, number] = [0, 0, 0, 0];
    for (const u of frontier[r]!) {
      const b = units.block[u] ?? null;
      const key: [number, number, number, number] = [
        b !== null && regions.blocksIn(b, r) > 0 ? 1 : 0,
        b === null || !isBlockElsewhere(regions, b, r, k) ? 1 : 0,
        regions.borderTo(u, r),
        -dist2(units, u, seeds[r]!),
      ];
      if (pick < 0 || compareDesc(key, pickKey) < 0 || (compareDesc(key, pickKey) === 0 && u < pick)) { pick = u; pickKey = key; }
    }
    take(pick, r);
  }
  return regions;
}

function isBlockElsewhere(regions: Regions, block: string, r: number, k: number): boolean {
  for (let i = 0; i < k; i++) if (i !== r && regions.blocksIn(block, i) > 0) return true;
  return false;
}

/** Orders keys so that the larger comes first (negative when a should come before b). */
function compareDesc(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]! > 0 ? 1 : -1;
  return 0;
}

/** AZP: single-building moves between neighbouring regions while the objective improves. */
function improve(units: Units, regions: Regions, target: HouseholdTarget, maxPasses: number): void {
  const n = units.buildingIds.length;
  const checker = new ContiguityChecker(units.adj);
  const viol = (h: number) => rangeViolation(h, target.min, target.max);
  for (let pass = 0; pass < maxPasses; pass++) {
    let moves = 0;
    for (let u = 0; u < n; u++) {
      const r = regions.of[u]!;
      if (regions.size[r]! <= 1) continue;
      const h = units.households[u]!;
      const b = units.block[u] ?? null;
      const lR = regions.borderTo(u, r);
      const seen: number[] = [];
      let best: { s: number; dv: number; db: number; dc: number } | null = null;
      for (const nb of units.adj[u]!) {
        const s = regions.of[nb.to]!;
        if (s === r || s < 0 || seen.includes(s)) continue;
        seen.push(s);
        const dv = viol(regions.households[r]! - h) + viol(regions.households[s]! + h) - viol(regions.households[r]!) - viol(regions.households[s]!);
        const db = b === null ? 0 : (regions.blocksIn(b, r) === 1 ? -1 : 0) + (regions.blocksIn(b, s) === 0 ? 1 : 0);
        const lS = regions.borderTo(u, s);
        const dc =
          polsbyPopper(regions.area[r]! - units.area[u]!, regions.perimeter[r]! - units.perimeter[u]! + 2 * lR) +
          polsbyPopper(regions.area[s]! + units.area[u]!, regions.perimeter[s]! + units.perimeter[u]! - 2 * lS) -
          regions.compactness(r) -
          regions.compactness(s);
        const improves = dv < -1e-9 || (Math.abs(dv) <= 1e-9 && (db < 0 || (db === 0 && dc > 1e-6)));
        if (!improves) continue;
        if (best === null || dv < best.dv - 1e-9 || (Math.abs(dv - best.dv) <= 1e-9 && (db < best.db || (db === best.db && dc > best.dc)))) {
          best = { s, dv, db, dc };
        }
      }
      if (best === null) continue;
      if (!checker.staysContiguousWithout(regions.of, r, regions.size[r]!, u)) continue;
      regions.remove(u);
      regions.add(u, best.s);
      moves++;
    }
    if (moves === 0) break;
  }
}

export function draftDivision(graph: PieceGraph, target: HouseholdTarget, options: DraftOptions = {}): DraftResult {
  const units = buildUnits(graph);
  const n = units.buildingIds.length;
  const total = units.households.reduce((a, b) => a + b, 0);
  const k = options.k ?? chooseK(total, n, target);
  if (!Number.isInteger(k) || k < 1 || k > n) throw new DraftKError(k, n);
  const regions = grow(units, chooseSeeds(units, k));
  improve(units, regions, target, options.maxPasses ?? 40);

  // Standard order: rows of about 100 m north to south, west to east within a row (as grid codes).
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let u = 0; u < n; u++) members[regions.of[u]!]!.push(u);
  const centre = members.map((us) => {
    let w = 0;
    let lng = 0;
    let lat = 0;
    for (const u of us) {
      const a = units.area[u]! > 0 ? units.area[u]! : 1e-9;
      w += a;
      lng += units.lng[u]! * a;
      lat += units.lat[u]! * a;
    }
    return { lng: lng / w, lat: lat / w };
  });
  const order = members.map((_, r) => r).sort((a, b) => {
    const rowA = -Math.round(centre[a]!.lat * 1000);
    const rowB = -Math.round(centre[b]!.lat * 1000);
    return rowA - rowB || centre[a]!.lng - centre[b]!.lng || a - b;
  });
  return {
    regions: order.map((r) => members[r]!.map((u) => units.buildingIds[u]!).sort((a, b) => a - b)),
    k,
    method: DRAFT_METHOD,
  };
}
