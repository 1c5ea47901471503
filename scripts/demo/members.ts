// Party members: ~30,000 generated people living in residential compounds inside their grid.
// Every home point is strictly inside one grid, far enough from its border that rounding to
// 7 decimals cannot move it out.
import { bboxOf, isSafelyInside, roundPosition, type MultiPolygon, type Position } from './geometry.ts';
import { PROJECTION } from './layout.ts';
import type { Grid, Member } from './model.ts';
import { personName, type PhoneBook } from './naming.ts';
import type { Rng } from './prng.ts';

export const MEMBER_TOTAL = 30_000;
const PROBATIONARY_SHARE = 0.08;
const FLOATING_SHARE = 0.04;

/** Members per grid, roughly proportional to population; exactly `total` in all (largest remainder). */
export function allocateMembers(grids: readonly Grid[], total: number, rng: Rng): Map<string, number> {
  const weights = grids.map((g) => g.population * rng.uniform(0.8, 1.2));
  const sum = weights.reduce((t, w) => t + w, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((t, c) => t + c, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return new Map(grids.map((g, i) => [g.code, counts[i] ?? 0]));
}

/** Uniform random point safely inside a polygon (rejection sampling in its bounding box). */
export function randomPointInside(geom: MultiPolygon, rng: Rng, marginDeg: number): Position {
  const box = bboxOf(geom.coordinates);
  for (let attempt = 0; attempt < 5000; attempt++) {
    const p = roundPosition([rng.uniform(box.minX, box.maxX), rng.uniform(box.minY, box.maxY)]);
    if (isSafelyInside(p, geom.coordinates, marginDeg)) return p;
  }
  throw new Error('no point found inside polygon');
}

/** A point near `centre` (normal spread in metres), safely inside; uniform inside as a fallback. */
export function pointNear(centre: Position, sigmaM: number, geom: MultiPolygon, rng: Rng, marginDeg: number): Position {
  const [cx, cy] = PROJECTION.toKm(centre);
  for (let attempt = 0; attempt < 40; attempt++) {
    const p = roundPosition(PROJECTION.toLngLat([cx + (rng.normal() * sigmaM) / 1000, cy + (rng.normal() * sigmaM) / 1000]));
    if (isSafelyInside(p, geom.coordinates, marginDeg)) return p;
  }
  return randomPointInside(geom, rng, marginDeg);
}

interface Compound {
  at: Position;
  weight: number;
  sigmaM: number;
}

export function generateMembers(
  grids: readonly Grid[],
  counts: ReadonlyMap<string, number>,
  memberOrgOfGrid: ReadonlyMap<string, string>,
  rng: Rng,
  phones: PhoneBook,
): Member[] {
  const members: Member[] = [];
  for (const grid of grids) {
    const gridRng = rng.fork(grid.code);
    const count = counts.get(grid.code) ?? 0;
    const orgKey = memberOrgOfGrid.get(grid.code);
    if (!orgKey) throw new Error(`grid ${grid.code} has no org for its members`);
    // People cluster in a few estates (小区) per grid; a share lives scattered in between.
    const compounds: Compound[] = [];
    const compoundCount = gridRng.int(2, 4) + (grid.areaM2 > 150_000 ? 1 : 0);
    for (let i = 0; i < compoundCount; i++) {
      compounds.push({
        at: randomPointInside(grid.geom, gridRng, 5e-5),
        weight: gridRng.uniform(0.5, 1.5),
        sigmaM: gridRng.uniform(20, 50),
      });
    }
    const weights = compounds.map((c) => c.weight);
    for (let i = 0; i < count; i++) {
      const at = gridRng.chance(0.1)
        ? randomPointInside(grid.geom, gridRng, 2e-6)
        : (() => {
            const c = compounds[gridRng.weightedIndex(weights)] as Compound;
            return pointNear(c.at, c.sigmaM, grid.geom, gridRng, 2e-6);
          })();
      members.push({
        name: personName(gridRng),
        status: gridRng.chance(PROBATIONARY_SHARE) ? 'probationary' : 'formal',
        orgKey,
        floating: gridRng.chance(FLOATING_SHARE),
        at,
        phone: phones.mobile(),
        gridCode: grid.code,
      });
    }
  }
  return members;
}
