// Grid codes, names and statistics. Codes follow the standard: community code + 3-digit
// sequence in reading order (rows north→south, west→east within a row).
import { residentialDensity } from './density.ts';
import { bboxOf, type MultiPolygon, type Position } from './geometry.ts';
import { PROJECTION } from './layout.ts';
import type { Grid, Region } from './model.ts';
import { personName, type PhoneBook } from './naming.ts';
import type { Rng } from './prng.ts';

export interface RawGrid {
  geom: MultiPolygon;
  areaM2: number;
  pointOnSurface: Position;
}

/**
 * Reading order: the community's extent is cut into latitude bands (about as many rows as the
 * grids would form in a square-ish layout); rows north→south, west→east inside a row.
 */
export function readingOrder(community: MultiPolygon, grids: readonly RawGrid[]): RawGrid[] {
  const box = bboxOf(community.coordinates);
  const [x0, y0] = PROJECTION.toKm([box.minX, box.minY]);
  const [x1, y1] = PROJECTION.toKm([box.maxX, box.maxY]);
  const widthKm = Math.max(x1 - x0, 1e-6);
  const heightKm = Math.max(y1 - y0, 1e-6);
  const rows = Math.max(1, Math.min(grids.length, Math.round(Math.sqrt((grids.length * heightKm) / widthKm))));
  const band = (box.maxY - box.minY) / rows;
  const rowOf = (g: RawGrid): number => Math.min(rows - 1, Math.max(0, Math.floor((box.maxY - g.pointOnSurface[1]) / band)));
  return grids
    .map((g) => ({ g, row: rowOf(g) }))
    .sort((a, b) => a.row - b.row || a.g.pointOnSurface[0] - b.g.pointOnSurface[0] || b.g.pointOnSurface[1] - a.g.pointOnSurface[1])
    .map(({ g }) => g);
}

export interface GridContext {
  community: Region;
  isPark: boolean;
  /** Highest density at any grid's inner point, to scale households. */
  maxDensity: number;
}

/** Households 300–600, more in the dense old quarters; residents 2.3–2.8 per household. */
export function describeGrids(ordered: readonly RawGrid[], ctx: GridContext, rng: Rng, phones: PhoneBook): Grid[] {
  return ordered.map((g, i) => {
    const sequence = String(i + 1).padStart(3, '0');
    const t = Math.min(1, residentialDensity(g.pointOnSurface) / ctx.maxDensity);
    // A park management area has dormitories and a few estates, not a full neighbourhood.
    const households = ctx.isPark
      ? Math.round(rng.uniform(120, 260))
      : Math.round(Math.max(300, Math.min(600, 300 + 270 * t ** 0.8 + 40 * rng.normal())));
    const population = Math.round(households * rng.uniform(2.3, 2.8));
    return {
      code: ctx.community.code + sequence,
      name: `${ctx.community.name}第${i + 1}网格`,
      communityCode: ctx.community.code,
      households,
      population,
      leaderName: personName(rng),
      leaderPhone: phones.mobile(),
      geom: g.geom,
      areaM2: g.areaM2,
      pointOnSurface: g.pointOnSurface,
    };
  });
}
