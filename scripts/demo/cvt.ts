// Seed placement: weighted k-means over a lattice of samples converges to a centroidal Voronoi
// tessellation, which gives compact, evenly shaped cells whose size follows the density.
import type { Position } from './geometry.ts';
import type { Rng } from './prng.ts';

export interface WeightedSample {
  /** Planar position in km. */
  p: Position;
  w: number;
}

function nearest(p: Position, centres: readonly Position[]): number {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < centres.length; i++) {
    const c = centres[i] as Position;
    const d = (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** k-means++ start, then Lloyd iterations; returns k centres in km. */
export function weightedKMeans(samples: readonly WeightedSample[], k: number, rng: Rng, iterations: number): Position[] {
  if (samples.length < k) throw new Error(`k-means: ${samples.length} samples for ${k} centres`);
  const first = samples[rng.weightedIndex(samples.map((s) => s.w))] as WeightedSample;
  const centres: Position[] = [first.p];
  const d2 = samples.map((s) => (s.p[0] - first.p[0]) ** 2 + (s.p[1] - first.p[1]) ** 2);
  while (centres.length < k) {
    const pickIndex = rng.weightedIndex(samples.map((s, i) => s.w * (d2[i] ?? 0)));
    const c = (samples[pickIndex] as WeightedSample).p;
    centres.push(c);
    samples.forEach((s, i) => {
      const d = (s.p[0] - c[0]) ** 2 + (s.p[1] - c[1]) ** 2;
      if (d < (d2[i] ?? Infinity)) d2[i] = d;
    });
  }
  for (let iter = 0; iter < iterations; iter++) {
    const sx = new Float64Array(k);
    const sy = new Float64Array(k);
    const sw = new Float64Array(k);
    for (const s of samples) {
      const i = nearest(s.p, centres);
      sx[i] = (sx[i] ?? 0) + s.p[0] * s.w;
      sy[i] = (sy[i] ?? 0) + s.p[1] * s.w;
      sw[i] = (sw[i] ?? 0) + s.w;
    }
    let moved = 0;
    for (let i = 0; i < k; i++) {
      const w = sw[i] ?? 0;
      if (w === 0) continue; // an empty cell keeps its place; the next pass usually feeds it
      const next: Position = [(sx[i] ?? 0) / w, (sy[i] ?? 0) / w];
      const old = centres[i] as Position;
      moved = Math.max(moved, Math.hypot(next[0] - old[0], next[1] - old[1]));
      centres[i] = next;
    }
    if (moved < 1e-4) break;
  }
  return centres;
}

/**
 * Minimum-cost assignment of rows to groups with exact group sizes (Hungarian algorithm on
 * group "slots"). cost[row][group]; capacities sum to the number of rows.
 */
export function assignWithCapacities(cost: readonly (readonly number[])[], capacities: readonly number[]): number[] {
  const n = cost.length;
  const slotGroup: number[] = [];
  capacities.forEach((cap, g) => {
    for (let i = 0; i < cap; i++) slotGroup.push(g);
  });
  const m = slotGroup.length;
  if (m !== n) throw new Error(`assignment: ${n} rows for ${m} slots`);
  const a = (row: number, col: number): number => (cost[row - 1] as readonly number[])[slotGroup[col - 1] as number] as number;
  // e-maxx formulation, 1-based with a virtual row/column 0.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0] as number;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = a(i0, j) - (u[i0] as number) - (v[j] as number);
        if (cur < (minv[j] as number)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j] as number] = (u[p[j] as number] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else {
          minv[j] = (minv[j] as number) - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0] as number;
      p[j0] = p[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) result[(p[j] as number) - 1] = slotGroup[j - 1] as number;
  return result;
}

/** Moves each centre onto its nearest sample, so a seed is always inside its polygon. */
export function snapToSamples(centres: readonly Position[], samples: readonly WeightedSample[]): Position[] {
  const taken = new Set<number>();
  return centres.map((c) => {
    let best = -1;
    let bestD = Infinity;
    samples.forEach((s, i) => {
      const d = (s.p[0] - c[0]) ** 2 + (s.p[1] - c[1]) ** 2;
      if (d < bestD && !taken.has(i)) {
        bestD = d;
        best = i;
      }
    });
    taken.add(best);
    return (samples[best] as WeightedSample).p;
  });
}
