// City-wide placement: where people live across the five districts, community seeds per
// district, synthetic street anchors where the demo has none, and how many grids each community
// gets. Everything here runs in Node; PostGIS cuts the shapes (scripts/demo/partition.ts).
import { snapToSamples, weightedKMeans, type WeightedSample } from '../demo/cvt.ts';
import { residentialDensity } from '../demo/density.ts';
import { latticeInside, type MultiPolygon, type Position } from '../demo/geometry.ts';
import { centroidKm, PROJECTION } from '../demo/layout.ts';
import type { CommunityCell, GridSeed } from '../demo/partition.ts';
import type { Rng } from '../demo/prng.ts';
import { gcjToWgs } from '../demo/sources.ts';
import { CITY_DISTRICTS } from './districts.ts';

interface Peak {
  at: Position;
  weight: number;
  sigmaKm: number;
}

const TOWN_PEAKS: Peak[] = CITY_DISTRICTS.flatMap((d) =>
  d.centres.map((c) => ({ at: PROJECTION.toKm(gcjToWgs(c.at)), weight: c.weight, sigmaKm: c.sigmaKm })),
);

/**
 * Relative residential density across the city: the demo's field (the old city of 梁溪 and its
 * quarters, the thin 惠山 hills) plus a Gaussian around each town and new-town centre of the
 * other districts. Roughly 0.12 (open country) to 1.2 (the old city).
 */
export function cityDensity(p: Position): number {
  const [x, y] = PROJECTION.toKm(p);
  let value = residentialDensity(p);
  for (const peak of TOWN_PEAKS) {
    const d2 = (x - peak.at[0]) ** 2 + (y - peak.at[1]) ** 2;
    value += peak.weight * Math.exp(-d2 / (2 * peak.sigmaKm * peak.sigmaKm));
  }
  return value;
}

/** The main town centre of a district (km), where community numbers start; the old city for 梁溪. */
export function districtCoreKm(districtCode: string): Position | undefined {
  const centre = CITY_DISTRICTS.find((d) => d.code === districtCode)?.centres[0];
  return centre ? PROJECTION.toKm(gcjToWgs(centre.at)) : undefined;
}

/** Lattice spacing (km) that gives about `target` sample points over a polygon of `areaKm2`. */
function spacingFor(areaKm2: number, target: number, minimum: number): number {
  return Math.max(minimum, Math.sqrt(areaKm2 / target));
}

function areaKm2(geom: MultiPolygon): number {
  let total = 0;
  for (const polygon of geom.coordinates) {
    polygon.forEach((ring, i) => {
      const km = ring.map((p) => PROJECTION.toKm(p));
      let a = 0;
      for (let k = 0, j = km.length - 1; k < km.length; j = k++) {
        const [x0, y0] = km[j] as Position;
        const [x1, y1] = km[k] as Position;
        a += x0 * y1 - x1 * y0;
      }
      total += (i === 0 ? 1 : -1) * Math.abs(a / 2);
    });
  }
  return total;
}

/**
 * Community seeds over a district's main piece: density-weighted centroidal Voronoi, as the demo
 * does, with the lattice coarsened on large districts to about 25,000 samples (the demo's 50 m
 * spacing would give 160,000 on 锡山区).
 */
export function cityCommunitySeeds(district: MultiPolygon, count: number, rng: Rng): Position[] {
  const spacing = spacingFor(areaKm2(district), 25_000, 0.05);
  const pieces = district.coordinates.map((polygon) => latticeInside([polygon], PROJECTION, spacing));
  const main = pieces.reduce((best, piece) => (piece.length > best.length ? piece : best), [] as Position[]);
  const samples: WeightedSample[] = main.map((p) => ({ p: PROJECTION.toKm(p), w: cityDensity(p) }));
  return snapToSamples(weightedKMeans(samples, count, rng, 80), samples).map((c) => PROJECTION.toLngLat(c));
}

/**
 * Starting anchors for streets with no known position: a k-means over the district (weighted by
 * density, so anchors sit in towns), taken in order of angle around the district's middle and
 * handed to the streets in code order. Street layout then drifts them to their groups.
 */
export function syntheticStreetAnchors(district: MultiPolygon, streetCount: number, rng: Rng): Position[] {
  const spacing = spacingFor(areaKm2(district), 6_000, 0.05);
  const samples: WeightedSample[] = latticeInside(district.coordinates, PROJECTION, spacing).map((p) => ({
    p: PROJECTION.toKm(p),
    w: Math.sqrt(cityDensity(p)),
  }));
  const centres = weightedKMeans(samples, streetCount, rng, 40);
  const mx = centres.reduce((t, c) => t + c[0], 0) / centres.length;
  const my = centres.reduce((t, c) => t + c[1], 0) / centres.length;
  return centres
    .map((c) => ({ c, angle: Math.atan2(c[1] - my, c[0] - mx) }))
    .sort((a, b) => a.angle - b.angle)
    .map(({ c }) => c);
}

export const MIN_GRIDS = 6;
export const MAX_GRIDS = 40;
export const PARK_GRIDS = 4;

/**
 * Grids per community: proportional to √(people) (density × area), with some noise, between
 * MIN_GRIDS and MAX_GRIDS; park areas get PARK_GRIDS. The scale is the smallest that gives the
 * district at least `target` grids in all.
 */
export function cityGridCounts(
  cells: readonly CommunityCell[],
  target: number,
  rng: Rng,
  parkCellIds: ReadonlySet<number>,
): Map<number, number> {
  const weights = cells.map((c) => {
    const mass = cityDensity(PROJECTION.toLngLat(centroidKm(c))) * (c.areaM2 / 1e6);
    return Math.sqrt(mass) * Math.max(0.5, 1 + 0.15 * rng.normal());
  });
  const countsAt = (scale: number): number[] =>
    cells.map((c, i) => (parkCellIds.has(c.id) ? PARK_GRIDS : Math.max(MIN_GRIDS, Math.min(MAX_GRIDS, Math.round(scale * (weights[i] ?? 0))))));
  const total = (scale: number): number => countsAt(scale).reduce((t, n) => t + n, 0);
  let lo = 0;
  let hi = 1;
  while (total(hi) < target && hi < 1e6) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (total(mid) >= target) hi = mid;
    else lo = mid;
  }
  const counts = countsAt(hi);
  return new Map(cells.map((c, i) => [c.id, counts[i] ?? MIN_GRIDS]));
}

/** Grid seeds inside one community: the demo's centroidal Voronoi run, on the city's density. */
export function placeCityGridSeeds(cell: CommunityCell, count: number, rng: Rng): GridSeed[] {
  const spacingKm = Math.sqrt(cell.areaM2 / 1e6 / Math.max(600, 30 * count));
  const lattice = latticeInside(cell.geom.coordinates, PROJECTION, spacingKm);
  const samples: WeightedSample[] = lattice.map((p) => ({ p: PROJECTION.toKm(p), w: Math.sqrt(cityDensity(p)) }));
  return snapToSamples(weightedKMeans(samples, count, rng, 60), samples).map((c, index) => ({
    communityId: cell.id,
    index,
    at: PROJECTION.toLngLat(c),
  }));
}
