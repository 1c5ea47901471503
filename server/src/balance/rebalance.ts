// Rebalance: the fewest building moves between adjacent grids that bring every grid of one
// community into its household range, keeping every grid contiguous and non-empty.
//
// Two methods, both pure functions of the piece graph (see piece-graph.ts):
// - 'exact' — iterative deepening over move sets (depth = number of moves), each set enumerated
//   once in a canonical order (by building, at most one move per building). A branch is cut when
//   a lower bound on the moves still needed exceeds the depth left: every grid above the range
//   needs at least as many of its own buildings out as its largest buildings take to cover the
//   excess, every grid below it as many in, and each move is one out and one in. The first depth
//   with a valid set (every grid in range, contiguous, non-empty, each moved building touching
//   its new grid) is the fewest moves; among the sets of that depth the most compact one
//   (largest sum of Polsby–Popper scores) wins. Used when the candidate moves are few; a node
//   budget bounds it, and the local search takes over when it runs out.
// - 'local-search' — greedy descent on the total distance outside the range (steepest single
//   move, or a chain of two moves through a grid without slack when no single move helps; ties
//   broken by compactness), every step keeping the grids contiguous, followed by a pruning pass
//   that undoes any move the result does not need. When it needs only a few moves, the exact
//   search then looks for a smaller set among the moves out of or into a grid outside the range
//   (same node budget). When the range cannot be reached it returns the moves that minimise the
//   total distance outside it (reachesRange false).
import { polsbyPopper } from './compactness.ts';
import { adjacencyLists, ContiguityChecker, rangeViolation, type Neighbour } from './graph-connectivity.ts';
import type { HouseholdTarget, PieceGraph, RebalanceResult, UnitMove } from './piece-graph.ts';

export interface RebalanceOptions {
  /** Search nodes the exact method may visit before the local search takes over. */
  nodeBudget?: number;
  /** The exact method is tried only up to this many candidate moves. */
  exactMaxCandidates?: number;
}

const DEFAULT_NODE_BUDGET = 300_000;
const DEFAULT_EXACT_MAX_CANDIDATES = 80;
const DRIVEN_MAX_CANDIDATES = 400;
const DRIVEN_MAX_MOVES = 8;

/** The community's grids and pieces as mutable arrays. */
interface State {
  /** Grid index of each piece (-1: in no grid). */
  pieceGrid: Int32Array;
  gridIds: number[];
  households: Float64Array;
  area: Float64Array;
  perimeter: Float64Array;
  size: Int32Array;
  adj: Neighbour[][];
  checker: ContiguityChecker;
  /** Own piece of each building that can move (households > 0), by building id. */
  movable: { buildingId: number; piece: number; households: number }[];
}

function buildState(graph: PieceGraph): State {
  const gridIds = [...new Set(graph.pieces.map((p) => p.gridId).filter((g): g is number => g !== null))].sort((a, b) => a - b);
  const gridIndex = new Map(gridIds.map((g, i) => [g, i]));
  const n = graph.pieces.length;
  const G = gridIds.length;
  const pieceGrid = new Int32Array(n);
  const households = new Float64Array(G);
  const area = new Float64Array(G);
  const perimeter = new Float64Array(G);
  const size = new Int32Array(G);
  graph.pieces.forEach((p, i) => {
    const g = p.gridId === null ? -1 : gridIndex.get(p.gridId)!;
    pieceGrid[i] = g;
    if (g < 0) return;
    households[g] = households[g]! + p.households;
    area[g] = area[g]! + p.areaSqm;
    perimeter[g] = perimeter[g]! + p.perimeterM;
    size[g] = size[g]! + 1;
  });
  for (const e of graph.edges) {
    const g = pieceGrid[e.a]!;
    if (g >= 0 && g === pieceGrid[e.b] && e.a !== e.b) perimeter[g] = perimeter[g]! - (2 * e.lengthM);
  }
  const adj = adjacencyLists(n, graph.edges);
  const movable = graph.pieces
    .filter((p) => p.own && p.gridId !== null && p.households > 0)
    .map((p) => ({ buildingId: p.buildingId, piece: p.index, households: p.households }))
    .sort((a, b) => a.buildingId - b.buildingId);
  return { pieceGrid, gridIds, households, area, perimeter, size, adj, checker: new ContiguityChecker(adj, graph.pieces.map((p) => p.own)), movable };
}

/** Border length between piece p and the pieces of grid g (p itself excluded). */
function borderTo(s: State, p: number, g: number): number {
  let l = 0;
  for (const n of s.adj[p]!) if (n.to !== p && s.pieceGrid[n.to] === g) l += n.lengthM;
  return l;
}

function totalViolation(s: State, t: HouseholdTarget): number {
  let v = 0;
  for (const h of s.households) v += rangeViolation(h, t.min, t.max);
  return v;
}

/** Moves piece p (households h, area a, perimeter per) to grid `to`, keeping the sums. */
function movePiece(s: State, graph: PieceGraph, p: number, to: number): void {
  const from = s.pieceGrid[p]!;
  const piece = graph.pieces[p]!;
  const lFrom = borderTo(s, p, from);
  const lTo = borderTo(s, p, to);
  s.households[from] = s.households[from]! - piece.households;
  s.area[from] = s.area[from]! - piece.areaSqm;
  s.perimeter[from] = s.perimeter[from]! + (-piece.perimeterM + 2 * lFrom);
  s.size[from] = s.size[from]! - 1;
  s.households[to] = s.households[to]! + piece.households;
  s.area[to] = s.area[to]! + piece.areaSqm;
  s.perimeter[to] = s.perimeter[to]! + (piece.perimeterM - 2 * lTo);
  s.size[to] = s.size[to]! + 1;
  s.pieceGrid[p] = to;
}

/** Change of the Polsby–Popper sum if piece p went from its grid to grid `to`. */
function compactnessGain(s: State, graph: PieceGraph, p: number, to: number): number {
  const from = s.pieceGrid[p]!;
  const piece = graph.pieces[p]!;
  const lFrom = borderTo(s, p, from);
  const lTo = borderTo(s, p, to);
  const before = polsbyPopper(s.area[from]!, s.perimeter[from]!) + polsbyPopper(s.area[to]!, s.perimeter[to]!);
  const after =
    polsbyPopper(s.area[from]! - piece.areaSqm, s.perimeter[from]! - piece.perimeterM + 2 * lFrom) +
    polsbyPopper(s.area[to]! + piece.areaSqm, s.perimeter[to]! + piece.perimeterM - 2 * lTo);
  return after - before;
}

export function proposeRebalance(graph: PieceGraph, target: HouseholdTarget, options: RebalanceOptions = {}): RebalanceResult {
  const s = buildState(graph);
  if (totalViolation(s, target) === 0) return { moves: [], reachesRange: true, method: 'exact' };
  const budget = options.nodeBudget ?? DEFAULT_NODE_BUDGET;
  const exact = exactSearch(graph, s, target, { budget, maxCandidates: options.exactMaxCandidates ?? DEFAULT_EXACT_MAX_CANDIDATES, moves: 'all' });
  if (exact !== null) return { moves: exact, reachesRange: true, method: 'exact' };
  const local = localSearch(graph, buildState(graph), target);
  if (local.reachesRange && local.moves.length > 1 && local.moves.length <= DRIVEN_MAX_MOVES) {
    // Fewer moves among those that touch a grid outside the range, searched exhaustively.
    const driven = exactSearch(graph, buildState(graph), target, { budget, maxCandidates: DRIVEN_MAX_CANDIDATES, moves: 'driven', maxDepth: local.moves.length - 1 });
    if (driven !== null) return { moves: driven, reachesRange: true, method: 'local-search' };
  }
  return local;
}

// ---------------------------------------------------------------------------------------------
// Exact: iterative deepening over move sets.

interface Candidate {
  building: number; // index in s.movable
  piece: number;
  from: number;
  to: number;
  households: number;
}

/** The grids a building could end in: those reached from its piece through movable pieces (chains of moves). */
function reachableGrids(s: State, start: number, movablePiece: Uint8Array): Set<number> {
  const seen = new Set<number>([start]);
  const grids = new Set<number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    for (const n of s.adj[u]!) {
      if (seen.has(n.to)) continue;
      seen.add(n.to);
      const g = s.pieceGrid[n.to]!;
      if (g >= 0) grids.add(g);
      if (movablePiece[n.to] === 1) queue.push(n.to);
    }
  }
  grids.delete(s.pieceGrid[start]!);
  return grids;
}

interface SearchScope {
  budget: number;
  maxCandidates: number;
  /**
   * 'all': every move a building could make, chains included (exhaustive); 'driven': only moves
   * to a neighbouring grid out of a grid outside the range or into one.
   */
  moves: 'all' | 'driven';
  /** Deepest move set tried (default: one move per candidate building). */
  maxDepth?: number;
}

/** Grids bordering piece p, other than its own. */
function neighbourGrids(s: State, p: number): Set<number> {
  const grids = new Set<number>();
  for (const n of s.adj[p]!) {
    const g = s.pieceGrid[n.to]!;
    if (g >= 0) grids.add(g);
  }
  grids.delete(s.pieceGrid[p]!);
  return grids;
}

function exactSearch(graph: PieceGraph, s: State, target: HouseholdTarget, scope: SearchScope): UnitMove[] | null {
  const { budget, maxCandidates } = scope;
  const G = s.gridIds.length;
  if (scope.moves === 'all' && s.movable.length > maxCandidates) return null;
  const movablePiece = new Uint8Array(graph.pieces.length);
  for (const m of s.movable) movablePiece[m.piece] = 1;
  const outside = (g: number) => rangeViolation(s.households[g]!, target.min, target.max) > 0;
  const cands: Candidate[] = [];
  s.movable.forEach((m, bi) => {
    const from = s.pieceGrid[m.piece]!;
    const targets = scope.moves === 'all'
      ? reachableGrids(s, m.piece, movablePiece)
      : new Set([...neighbourGrids(s, m.piece)].filter((to) => outside(from) || outside(to)));
    for (const to of [...targets].sort((a, b) => a - b)) {
      cands.push({ building: bi, piece: m.piece, from, to, households: m.households });
      if (cands.length > maxCandidates) return;
    }
  });
  if (cands.length > maxCandidates || cands.length === 0) return null;
  const m = cands.length;
  // nextStart[i]: first candidate of the next building; buildingsFrom[i]: buildings with candidates at or after i.
  const nextStart = new Int32Array(m + 1).fill(m);
  const buildingsFrom = new Int32Array(m + 1);
  for (let i = m - 1; i >= 0; i--) {
    const sameNext = i + 1 < m && cands[i + 1]!.building === cands[i]!.building;
    nextStart[i] = sameNext ? nextStart[i + 1]! : i + 1;
    buildingsFrom[i] = buildingsFrom[i + 1]! + (sameNext ? 0 : 1);
  }
  // For the bound: per grid, its buildings' first candidates (out) and candidates into it (in), largest first.
  const outLists: Candidate[][] = Array.from({ length: G }, () => []);
  const inLists: Candidate[][] = Array.from({ length: G }, () => []);
  const firstOf = new Map<number, number>();
  cands.forEach((c, i) => {
    if (!firstOf.has(c.building)) { firstOf.set(c.building, i); outLists[c.from]!.push(c); }
    inLists[c.to]!.push(c);
  });
  const byHouseholds = (a: Candidate, b: Candidate) => b.households - a.households;
  outLists.forEach((l) => l.sort(byHouseholds));
  inLists.forEach((l) => l.sort(byHouseholds));

  const firstIndex = (c: Candidate) => firstOf.get(c.building)!;
  const fewestToCover = (list: Candidate[], need: number, pos: number): number => {
    let count = 0;
    let got = 0;
    for (const c of list) {
      if (firstIndex(c) < pos) continue;
      got += c.households;
      count++;
      if (got >= need) return count;
    }
    return Infinity;
  };
  const lowerBound = (pos: number): number => {
    let out = 0;
    let inn = 0;
    for (let g = 0; g < G; g++) {
      const h = s.households[g]!;
      if (h > target.max) out += fewestToCover(outLists[g]!, h - target.max, pos);
      else if (h < target.min) inn += fewestToCover(inLists[g]!, target.min - h, pos);
    }
    return Math.max(out, inn);
  };

  const chosen: number[] = [];
  let nodes = 0;
  let aborted = false;
  let best: { moves: number[]; score: number } | null = null;

  const leaf = () => {
    for (let g = 0; g < G; g++) if (rangeViolation(s.households[g]!, target.min, target.max) > 0) return;
    const changed = new Set<number>();
    for (const i of chosen) { changed.add(cands[i]!.from); changed.add(cands[i]!.to); }
    for (const g of changed) if (s.size[g]! < 1 || !s.checker.isContiguous(s.pieceGrid, g)) return;
    for (const i of chosen) if (borderTo(s, cands[i]!.piece, cands[i]!.to) <= 0) return;
    let score = 0;
    for (const g of changed) score += polsbyPopper(s.area[g]!, s.perimeter[g]!);
    // Scores compare sets of the same depth: the grids not changed add the same amount to all.
    for (let g = 0; g < G; g++) if (!changed.has(g)) score += polsbyPopper(s.area[g]!, s.perimeter[g]!);
    if (best === null || score > best.score + 1e-12) best = { moves: [...chosen], score };
  };

  const dfs = (pos: number, left: number): void => {
    if (aborted) return;
    if (left === 0) { leaf(); return; }
    if (buildingsFrom[pos]! < left || lowerBound(pos) > left) return;
    for (let i = pos; i < m; i++) {
      if (++nodes > budget) { aborted = true; return; }
      const c = cands[i]!;
      if (buildingsFrom[i]! < left) return;
      movePiece(s, graph, c.piece, c.to);
      chosen.push(i);
      dfs(nextStart[i]!, left - 1);
      chosen.pop();
      movePiece(s, graph, c.piece, c.from);
      if (aborted) return;
    }
  };

  const maxDepth = Math.min(buildingsFrom[0]!, scope.maxDepth ?? Infinity);
  for (let depth = Math.max(1, lowerBound(0)); depth <= maxDepth; depth++) {
    dfs(0, depth);
    if (best !== null) break;
    if (aborted) return null;
  }
  if (best === null) return null;
  const found: number[] = (best as { moves: number[] }).moves;
  return found.map((i) => {
    const c = cands[i]!;
    return { buildingId: s.movable[c.building]!.buildingId, from: s.gridIds[c.from]!, to: s.gridIds[c.to]! };
  });
}

// ---------------------------------------------------------------------------------------------
// Local search: greedy descent on the distance outside the range, then pruning.

interface Step {
  piece: number;
  to: number;
  gain: number; // violation reduction (> 0 improves)
  compact: number;
}

function localSearch(graph: PieceGraph, s: State, target: HouseholdTarget): RebalanceResult {
  const { min, max } = target;
  // Moves by piece, in the order made; from and to are grid indices.
  const moved = new Map<number, { buildingId: number; from: number; to: number }>();
  const pieceBuilding = new Map(s.movable.map((m) => [m.piece, m.buildingId]));
  const viol = (h: number) => rangeViolation(h, min, max);
  const gainOf = (from: number, to: number, h: number, hTo = s.households[to]!, hFrom = s.households[from]!) =>
    viol(hFrom) + viol(hTo) - viol(hFrom - h) - viol(hTo + h);

  // Moves of unmoved buildings to a bordering grid: out of grid `onlyFrom` when given, else only
  // those out of or into a grid outside the range (no other single move can reduce the distance).
  const singleSteps = (onlyFrom?: number, exclude?: number): Step[] => {
    const steps: Step[] = [];
    const outside = Array.from(s.households, (h) => viol(h) > 0);
    const seen: number[] = [];
    for (const m of s.movable) {
      const p = m.piece;
      if (moved.has(p) || p === exclude) continue;
      const from = s.pieceGrid[p]!;
      if (onlyFrom !== undefined && from !== onlyFrom) continue;
      seen.length = 0;
      for (const n of s.adj[p]!) {
        const to = s.pieceGrid[n.to]!;
        if (to < 0 || to === from || seen.includes(to)) continue;
        seen.push(to);
        if (onlyFrom === undefined && !outside[from] && !outside[to]) continue;
        steps.push({ piece: p, to, gain: gainOf(from, to, m.households), compact: 0 });
      }
    }
    return steps;
  };
  const canLeave = (p: number) => {
    const from = s.pieceGrid[p]!;
    return s.checker.staysContiguousWithout(s.pieceGrid, from, s.size[from]!, p);
  };
  const apply = (p: number, to: number) => {
    moved.set(p, { buildingId: pieceBuilding.get(p)!, from: s.pieceGrid[p]!, to });
    movePiece(s, graph, p, to);
  };
  /**
   * One building out of each grid of a path into the next, from the far end back, so each grid
   * between gives one and takes one: a grid over the range passes households on to the nearest
   * grid with room (or the nearest with households to spare passes them on to a grid under the
   * range). Kept only when the distance outside the range shrinks.
   */
  const pushAlongPath = (): boolean => {
    const G = s.gridIds.length;
    const unmovedBorder = (g: number, h: number): number[] =>
      s.movable.filter((m) => !moved.has(m.piece) && s.pieceGrid[m.piece] === g && borderTo(s, m.piece, h) > 0).map((m) => m.piece);
    const neighbours = (g: number): number[] => {
      const out = new Set<number>();
      for (const m of s.movable) {
        if (moved.has(m.piece) || s.pieceGrid[m.piece] !== g) continue;
        for (const n of s.adj[m.piece]!) {
          const h = s.pieceGrid[n.to]!;
          if (h >= 0 && h !== g) out.add(h);
        }
      }
      return [...out];
    };
    const path = (from: number, goal: (g: number) => boolean, forward: boolean): number[] | null => {
      // Breadth-first over grids; forward: households flow from `from` outwards, else towards it.
      const prev = new Int32Array(G).fill(-2);
      prev[from] = -1;
      const queue = [from];
      while (queue.length > 0) {
        const g = queue.shift()!;
        if (g !== from && goal(g)) {
          const out: number[] = [];
          for (let x = g; x !== -1; x = prev[x]!) out.push(x);
          return forward ? out.reverse() : out;
        }
        const next = forward ? neighbours(g) : Array.from({ length: G }, (_, h) => h).filter((h) => h !== g && neighbours(h).includes(g));
        for (const h of next) if (prev[h] === -2) { prev[h] = g; queue.push(h); }
      }
      return null;
    };
    const before = totalViolation(s, target);
    for (let g = 0; g < G; g++) {
      const h = s.households[g]!;
      const over = h > max;
      if (!over && h >= min) continue;
      const route = over
        ? path(g, (z) => s.households[z]! < max, true)
        : path(g, (z) => s.households[z]! > min, false);
      if (route === null || route.length < 2) continue;
      const made: { piece: number; from: number }[] = [];
      let ok = true;
      for (let i = route.length - 2; i >= 0 && ok; i--) {
        const giver = route[i]!;
        const taker = route[i + 1]!;
        const room = max - s.households[taker]!;
        const pick = unmovedBorder(giver, taker)
          .filter((p) => graph.pieces[p]!.households <= room && canLeave(p))
          .sort((a, b) => graph.pieces[b]!.households - graph.pieces[a]!.households || a - b)[0];
        if (pick === undefined) { ok = false; break; }
        made.push({ piece: pick, from: giver });
        apply(pick, taker);
      }
      if (ok && totalViolation(s, target) < before) return true;
      for (const m of made.reverse()) {
        movePiece(s, graph, m.piece, m.from);
        moved.delete(m.piece);
      }
    }
    return false;
  };
  const byGainThenShape = (a: Step, b: Step) => b.gain - a.gain || b.compact - a.compact || a.piece - b.piece || a.to - b.to;

  for (let iter = 0; iter < s.movable.length && totalViolation(s, target) > 0; iter++) {
    // Steepest single move.
    const improving = singleSteps().filter((st) => st.gain > 0);
    if (improving.length > 0) {
      const bestGain = Math.max(...improving.map((st) => st.gain));
      // Among the moves of (nearly) the best gain, the most compact first.
      const top = improving.filter((st) => st.gain >= bestGain - 1e-9);
      for (const st of top) st.compact = compactnessGain(s, graph, st.piece, st.to);
      top.sort(byGainThenShape);
      const rest = improving.filter((st) => st.gain < bestGain - 1e-9).sort(byGainThenShape);
      const pick = [...top, ...rest].find((st) => canLeave(st.piece));
      if (pick) { apply(pick.piece, pick.to); continue; }
    }
    // A chain of two moves: a building out of a grid outside the range into a neighbour without
    // slack, and one of that neighbour's buildings on to a third grid.
    let bestPair: { first: Step; second: Step; gain: number } | null = null;
    const firsts = singleSteps()
      .filter((st) => viol(s.households[s.pieceGrid[st.piece]!]!) > 0 || viol(s.households[st.to]!) > 0)
      .sort(byGainThenShape)
      .slice(0, 40);
    for (const first of firsts) {
      if (!canLeave(first.piece)) continue;
      const from = s.pieceGrid[first.piece]!;
      const h1 = graph.pieces[first.piece]!.households;
      movePiece(s, graph, first.piece, first.to);
      for (const second of singleSteps(first.to, first.piece)) {
        if (second.to === from) continue;
        const h2 = graph.pieces[second.piece]!.households;
        // Gain of both, from the state before the first move.
        const hFrom = s.households[from]!; // after first
        const hMid = s.households[first.to]!; // after first
        const hEnd = s.households[second.to]!;
        const gain = viol(hFrom + h1) + viol(hMid - h1) + viol(hEnd) - viol(hFrom) - viol(hMid - h2) - viol(hEnd + h2);
        if (gain <= 0 || (bestPair !== null && gain <= bestPair.gain)) continue;
        if (!canLeave(second.piece)) continue;
        bestPair = { first, second, gain };
      }
      movePiece(s, graph, first.piece, from);
    }
    if (bestPair !== null) {
      apply(bestPair.first.piece, bestPair.first.to);
      apply(bestPair.second.piece, bestPair.second.to);
      continue;
    }
    // Longer chains: households passed along a path of grids to the nearest one with room.
    if (!pushAlongPath()) break;
  }

  // Pruning: undo, latest first, every move the result does not need.
  for (const p of [...moved.keys()].reverse()) {
    const mv = moved.get(p)!;
    const now = s.pieceGrid[p]!;
    if (borderTo(s, p, mv.from) <= 0) continue;
    if (gainOf(now, mv.from, graph.pieces[p]!.households) < 0) continue;
    if (!canLeave(p)) continue;
    movePiece(s, graph, p, mv.from);
    moved.delete(p);
  }
  const moves: UnitMove[] = [...moved.values()].map((m) => ({ buildingId: m.buildingId, from: s.gridIds[m.from]!, to: s.gridIds[m.to]! }));
  return { moves, reachesRange: totalViolation(s, target) === 0, method: 'local-search' };
}
