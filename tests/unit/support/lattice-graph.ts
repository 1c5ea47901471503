// Synthetic piece graphs for the balance algorithms' tests: a W×H lattice of square cells, one
// building per cell (its own piece, the whole cell), 4-neighbours sharing a side. Row 0 is the
// northern row, column 0 the western one. Optional seeded jitter varies areas and border lengths.
import type { HouseholdTarget, PieceGraph, UnitMove } from '../../../server/src/balance/piece-graph.ts';

/** A small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LatticeOptions {
  width: number;
  height: number;
  /** Side of a cell in metres (default 20). */
  side?: number;
  households: (x: number, y: number) => number;
  /** The grid of the cell (null: no grids, as for a first draft). */
  grid?: (x: number, y: number) => number | null;
  block?: (x: number, y: number) => string | null;
  /** Relative jitter of areas and border lengths (0 = exact squares), with its seed. */
  jitter?: number;
  seed?: number;
}

/** Building id of the cell at (x, y). */
export const cellBuilding = (width: number, x: number, y: number): number => y * width + x + 1;

export function latticeGraph(o: LatticeOptions): PieceGraph {
  const side = o.side ?? 20;
  const rnd = seededRandom(o.seed ?? 1);
  const j = o.jitter ?? 0;
  const vary = () => 1 + j * (2 * rnd() - 1);
  const edges: PieceGraph['edges'] = [];
  const perimeter = new Array<number>(o.width * o.height).fill(0);
  const index = (x: number, y: number) => y * o.width + x;
  for (let y = 0; y < o.height; y++) {
    for (let x = 0; x < o.width; x++) {
      for (const [dx, dy] of [[1, 0], [0, 1]] as const) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx >= o.width || ny >= o.height) continue;
        const lengthM = side * vary();
        edges.push({ a: index(x, y), b: index(nx, ny), lengthM });
        perimeter[index(x, y)]! += lengthM;
        perimeter[index(nx, ny)]! += lengthM;
      }
      // Sides on the community's boundary.
      const outer = (x === 0 ? 1 : 0) + (y === 0 ? 1 : 0) + (x === o.width - 1 ? 1 : 0) + (y === o.height - 1 ? 1 : 0);
      perimeter[index(x, y)]! += outer * side;
    }
  }
  const lat0 = 31.58;
  const degLng = side / (111_320 * Math.cos((lat0 * Math.PI) / 180));
  const degLat = side / 110_540;
  const pieces: PieceGraph['pieces'] = [];
  for (let y = 0; y < o.height; y++) {
    for (let x = 0; x < o.width; x++) {
      const i = index(x, y);
      pieces.push({
        index: i,
        buildingId: cellBuilding(o.width, x, y),
        gridId: o.grid ? o.grid(x, y) : null,
        own: true,
        households: o.households(x, y),
        population: Math.round(o.households(x, y) * 2.6),
        block: o.block ? o.block(x, y) : null,
        areaSqm: side * side * vary(),
        perimeterM: perimeter[i]!,
        centroid: [120.3 + (x + 0.5) * degLng, lat0 - (y + 0.5) * degLat],
      });
    }
  }
  return { communityCode: '320213021001', pieces, edges };
}

/** Grid index of a cell when the lattice is cut into cols × rows blocks (ids 1.., row by row). */
export function blockGrid(width: number, height: number, cols: number, rows: number): (x: number, y: number) => number {
  return (x, y) => Math.min(rows - 1, Math.floor((y * rows) / height)) * cols + Math.min(cols - 1, Math.floor((x * cols) / width)) + 1;
}

function connected(graph: PieceGraph, members: Set<number>): boolean {
  if (members.size === 0) return false;
  const adj = new Map<number, number[]>();
  for (const e of graph.edges) {
    if (!members.has(e.a) || !members.has(e.b)) continue;
    adj.set(e.a, [...(adj.get(e.a) ?? []), e.b]);
    adj.set(e.b, [...(adj.get(e.b) ?? []), e.a]);
  }
  const start = members.values().next().value as number;
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const v of adj.get(queue.pop()!) ?? []) if (!seen.has(v)) { seen.add(v); queue.push(v); }
  }
  return seen.size === members.size;
}

export interface AppliedMoves {
  /** Problems found (empty: the moves are valid). */
  problems: string[];
  households: Map<number, number>;
  inRange: boolean;
}

/**
 * Applies moves to the graph the way the rules read: each building at most once, from its own
 * grid, its own piece ending next to another piece of its new grid; every grid contiguous and
 * non-empty afterwards.
 */
export function applyMoves(graph: PieceGraph, moves: readonly UnitMove[], target: HouseholdTarget): AppliedMoves {
  const problems: string[] = [];
  const gridOf = graph.pieces.map((p) => p.gridId);
  const seen = new Set<number>();
  for (const m of moves) {
    const own = graph.pieces.find((p) => p.own && p.buildingId === m.buildingId);
    if (!own) { problems.push(`building ${m.buildingId} unknown`); continue; }
    if (seen.has(m.buildingId)) problems.push(`building ${m.buildingId} moved twice`);
    seen.add(m.buildingId);
    if (own.gridId !== m.from) problems.push(`building ${m.buildingId} is not in grid ${m.from}`);
    if (m.from === m.to) problems.push(`building ${m.buildingId} moves to its own grid`);
    gridOf[own.index] = m.to;
  }
  for (const m of moves) {
    const own = graph.pieces.find((p) => p.own && p.buildingId === m.buildingId)!;
    const touches = graph.edges.some((e) => (e.a === own.index && gridOf[e.b] === m.to) || (e.b === own.index && gridOf[e.a] === m.to));
    if (!touches) problems.push(`building ${m.buildingId} does not touch grid ${m.to}`);
  }
  const grids = [...new Set(graph.pieces.map((p) => p.gridId).filter((g): g is number => g !== null))];
  const households = new Map<number, number>();
  let inRange = true;
  for (const g of grids) {
    const members = new Set(graph.pieces.filter((p) => gridOf[p.index] === g).map((p) => p.index));
    if (members.size === 0) problems.push(`grid ${g} is empty`);
    else if (!connected(graph, members)) problems.push(`grid ${g} is not contiguous`);
    const h = graph.pieces.filter((p) => gridOf[p.index] === g).reduce((sum, p) => sum + p.households, 0);
    households.set(g, h);
    if (h < target.min || h > target.max) inRange = false;
  }
  return { problems, households, inRange };
}
