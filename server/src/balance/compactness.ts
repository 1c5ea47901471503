// Shape figures of groups of pieces (grids, draft regions) computed from the piece graph alone:
// a group's area is the sum of its pieces' areas, its perimeter the sum of their perimeters less
// twice the borders shared inside the group, and its compactness the Polsby–Popper score
// 4πA/P² (1 for a disc, towards 0 for long or ragged shapes).
import type { PieceGraph } from './piece-graph.ts';

export interface GroupShape {
  areaSqm: number;
  perimeterM: number;
  /** Polsby–Popper 4πA/P², in [0, 1]. */
  compactness: number;
}

/** Polsby–Popper 4πA/P² (0 when there is no perimeter), capped at 1 against rounding. */
export function polsbyPopper(areaSqm: number, perimeterM: number): number {
  if (!(perimeterM > 0) || !(areaSqm > 0)) return 0;
  return Math.min(1, (4 * Math.PI * areaSqm) / (perimeterM * perimeterM));
}

/**
 * Area, perimeter and compactness of each group, where groupOf(pieceIndex) gives a piece's group
 * (null: in no group). Groups are keyed as groupOf returns them.
 */
export function groupShapes<K>(graph: PieceGraph, groupOf: (pieceIndex: number) => K | null): Map<K, GroupShape> {
  const sums = new Map<K, { areaSqm: number; perimeterM: number }>();
  const groups = graph.pieces.map((p) => groupOf(p.index));
  graph.pieces.forEach((p, i) => {
    const g = groups[i];
    if (g === null || g === undefined) return;
    const s = sums.get(g) ?? { areaSqm: 0, perimeterM: 0 };
    s.areaSqm += p.areaSqm;
    s.perimeterM += p.perimeterM;
    sums.set(g, s);
  });
  for (const e of graph.edges) {
    const g = groups[e.a];
    if (g === null || g === undefined || g !== groups[e.b]) continue;
    sums.get(g)!.perimeterM -= 2 * e.lengthM;
  }
  const shapes = new Map<K, GroupShape>();
  for (const [g, s] of sums) {
    const perimeterM = Math.max(0, s.perimeterM);
    shapes.set(g, { areaSqm: s.areaSqm, perimeterM, compactness: polsbyPopper(s.areaSqm, perimeterM) });
  }
  return shapes;
}

/** Each current grid's shape (pieces grouped by gridId). */
export function gridShapes(graph: PieceGraph): Map<number, GroupShape> {
  return groupShapes(graph, (i) => graph.pieces[i]!.gridId);
}
