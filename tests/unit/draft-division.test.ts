import { describe, expect, it } from 'vitest';
import { chooseK, DraftKError, draftDivision } from '../../server/src/balance/draft-division.ts';
import type { DraftResult, HouseholdTarget, PieceGraph } from '../../server/src/balance/piece-graph.ts';
import { latticeGraph, seededRandom } from './support/lattice-graph.ts';

const target: HouseholdTarget = { min: 300, max: 500, maxDeviation: 0.25 };

/** A community without grids: a W×H lattice of buildings with seeded households. */
function community(width: number, height: number, seed: number, households: [number, number], block?: (x: number, y: number) => string | null): PieceGraph {
  const rnd = seededRandom(seed);
  const hh = Array.from({ length: width * height }, () => households[0] + Math.floor(rnd() * (households[1] - households[0] + 1)));
  return latticeGraph({ width, height, households: (x, y) => hh[y * width + x]!, block, jitter: 0.25, seed });
}

function connected(graph: PieceGraph, buildings: Set<number>): boolean {
  const pieces = graph.pieces.filter((p) => buildings.has(p.buildingId)).map((p) => p.index);
  const inside = new Set(pieces);
  const seen = new Set([pieces[0]!]);
  const stack = [pieces[0]!];
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (const e of graph.edges) {
      const v = e.a === u ? e.b : e.b === u ? e.a : -1;
      if (v >= 0 && inside.has(v) && !seen.has(v)) { seen.add(v); stack.push(v); }
    }
  }
  return seen.size === inside.size;
}

/** Checks a draft: k contiguous non-empty regions covering every building once, in standard order. */
function checkDraft(graph: PieceGraph, draft: DraftResult): { households: number[] } {
  expect(draft.regions).toHaveLength(draft.k);
  const all = draft.regions.flat();
  expect(new Set(all).size).toBe(all.length);
  expect([...all].sort((a, b) => a - b)).toEqual([...new Set(graph.pieces.map((p) => p.buildingId))].sort((a, b) => a - b));
  const byBuilding = new Map(graph.pieces.map((p) => [p.buildingId, p]));
  const households = draft.regions.map((r) => {
    expect(r.length).toBeGreaterThan(0);
    expect(connected(graph, new Set(r))).toBe(true);
    return r.reduce((s, b) => s + byBuilding.get(b)!.households, 0);
  });
  // Standard order: rows of ~100 m north to south, then west to east.
  const centres = draft.regions.map((r) => {
    const ps = r.map((b) => byBuilding.get(b)!);
    const w = ps.reduce((s, p) => s + p.areaSqm, 0);
    return { lng: ps.reduce((s, p) => s + p.centroid[0] * p.areaSqm, 0) / w, lat: ps.reduce((s, p) => s + p.centroid[1] * p.areaSqm, 0) / w };
  });
  for (let i = 1; i < centres.length; i++) {
    const rowA = -Math.round(centres[i - 1]!.lat * 1000);
    const rowB = -Math.round(centres[i]!.lat * 1000);
    expect(rowA < rowB || (rowA === rowB && centres[i - 1]!.lng <= centres[i]!.lng)).toBe(true);
  }
  return { households };
}

describe('first-draft division', () => {
  it('chooses k from the target: households over the middle of the range, kept feasible', () => {
    expect(chooseK(4000, 500, target)).toBe(10);
    expect(chooseK(1000, 500, target)).toBe(3); // 2.5 rounds to 3: 3·300 ≤ 1,000 ≤ 3·500
    expect(chooseK(1050, 500, target)).toBe(3);
    expect(chooseK(100, 500, target)).toBe(1);
    expect(chooseK(4000, 4, target)).toBe(4); // never more grids than buildings
  });

  it('yields k contiguous non-empty regions in range, covering every building once, in standard order', () => {
    // 24×20 buildings of 5–15 households (about 4,800): k = 12.
    const graph = community(24, 20, 5, [5, 15]);
    const started = performance.now();
    const draft = draftDivision(graph, target);
    console.log(`draft of 480 buildings: k ${draft.k}, ${(performance.now() - started).toFixed(0)} ms`);
    expect(draft.method).toMatch(/region growing.*AZP/);
    const { households } = checkDraft(graph, draft);
    expect(draft.k).toBe(chooseK(households.reduce((a, b) => a + b, 0), 480, target));
    for (const h of households) {
      expect(h).toBeGreaterThanOrEqual(target.min);
      expect(h).toBeLessThanOrEqual(target.max);
    }
  }, 60_000);

  it('takes a given k, and starts over from a community that has grids', () => {
    const base = community(12, 10, 8, [5, 15]);
    const withGrids: PieceGraph = { ...base, pieces: base.pieces.map((p) => ({ ...p, gridId: p.index % 2 === 0 ? 1 : 2 })) };
    const draft = draftDivision(withGrids, target, { k: 3 });
    expect(draft.k).toBe(3);
    checkDraft(withGrids, draft);
    expect(draft).toEqual(draftDivision(base, target, { k: 3 }));
  });

  it('keeps an estate in one region where it can', () => {
    // Four estates of 3×3 buildings (100 households each... 9×40 = 360) in a 6×6 community: k = 4.
    const block = (x: number, y: number) => `小区${Math.floor(y / 3) * 2 + Math.floor(x / 3)}`;
    const graph = latticeGraph({ width: 6, height: 6, households: () => 40, block });
    const draft = draftDivision(graph, target);
    expect(draft.k).toBe(4);
    checkDraft(graph, draft);
    const blockOf = new Map(graph.pieces.map((p) => [p.buildingId, p.block]));
    for (const region of draft.regions) expect(new Set(region.map((b) => blockOf.get(b))).size).toBe(1);
    // Standard order: the north-west estate first, then north-east, south-west, south-east.
    expect(draft.regions.map((r) => blockOf.get(r[0]!))).toEqual(['小区0', '小区1', '小区2', '小区3']);
  });

  it('refuses a k that cannot give contiguous non-empty grids', () => {
    const graph = community(3, 3, 2, [50, 80]);
    for (const k of [0, -1, 10, 2.5]) {
      expect(() => draftDivision(graph, target, { k })).toThrow(DraftKError);
    }
    try {
      draftDivision(graph, target, { k: 10 });
    } catch (e) {
      expect((e as DraftKError).code).toBe('BAD_K');
    }
    expect(draftDivision(graph, target, { k: 9 }).regions.every((r) => r.length === 1)).toBe(true);
  });

  it('is deterministic', () => {
    const graph = community(15, 12, 11, [3, 20]);
    expect(draftDivision(graph, target)).toEqual(draftDivision(graph, target));
  });

  it('drafts a community of 2,000 buildings', () => {
    const graph = community(50, 40, 21, [1, 4]);
    const started = performance.now();
    const draft = draftDivision(graph, target);
    console.log(`draft of 2,000 buildings: k ${draft.k}, ${(performance.now() - started).toFixed(0)} ms`);
    const { households } = checkDraft(graph, draft);
    const outside = households.filter((h) => h < target.min || h > target.max).length;
    console.log(`households per region: ${households.join(', ')}; ${outside} outside the range`);
    expect(outside).toBe(0);
  }, 60_000);
});
