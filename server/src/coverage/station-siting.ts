import KDBush from 'kdbush';

export interface Candidate {
  id: number;
  code: string;
  name: string;
  lng: number;
  lat: number;
  /** Metres east and north on the same plane as the demand points. */
  x: number;
  y: number;
}

export interface Pick {
  candidate: Candidate;
  /** Members not reached before that this site reaches. */
  adds: number;
}

/**
 * Greedy max-coverage: up to `count` times, the candidate that reaches the most demand points
 * not reached yet within `radius` (ties: the lower grid code), whose points are then taken off.
 * Points are x, y pairs in `demand`. Only candidates near a pick need counting again.
 */
export function pickSites(demand: Float64Array, candidates: readonly Candidate[], radius: number, count: number): Pick[] {
  const points = demand.length / 2;
  if (points === 0 || candidates.length === 0) return [];
  const index = new KDBush(points);
  for (let i = 0; i < points; i++) index.add(demand[2 * i]!, demand[2 * i + 1]!);
  index.finish();

  const taken = new Uint8Array(points);
  const near = (c: Candidate) => index.within(c.x, c.y, radius);
  const adds = candidates.map((c) => near(c).length);
  const sites = new KDBush(candidates.length);
  for (const c of candidates) sites.add(c.x, c.y);
  sites.finish();

  const picks: Pick[] = [];
  for (let n = 0; n < count; n++) {
    let best = -1;
    for (let i = 0; i < candidates.length; i++) {
      if (adds[i]! > 0 && (best < 0 || adds[i]! > adds[best]! || (adds[i] === adds[best] && candidates[i]!.code < candidates[best]!.code))) best = i;
    }
    if (best < 0) break;
    const chosen = candidates[best]!;
    picks.push({ candidate: chosen, adds: adds[best]! });
    for (const p of near(chosen)) taken[p] = 1;
    // Only a candidate within twice the radius shares points with the pick.
    for (const i of sites.within(chosen.x, chosen.y, 2 * radius)) {
      adds[i] = near(candidates[i]!).reduce((s, p) => s + (taken[p] ? 0 : 1), 0);
    }
  }
  return picks;
}

/** The big-endian float8 pairs of suggest-demand.sql as one array. */
export function readPoints(bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.byteLength / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, false);
  return out;
}
