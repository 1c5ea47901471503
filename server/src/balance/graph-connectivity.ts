// Adjacency lists and contiguity checks over a graph of units (pieces or buildings), shared by
// the rebalance and the first draft. A group is the set of units with the same entry in an
// assignment array; it is contiguous when its units are connected through edges inside it.

/** A unit's neighbour and the length of their shared border, in metres. */
export interface Neighbour {
  to: number;
  lengthM: number;
}

/** Adjacency lists of `count` units from an edge list (parallel edges summed, self-loops dropped). */
export function adjacencyLists(count: number, edges: readonly { a: number; b: number; lengthM: number }[]): Neighbour[][] {
  const maps: Map<number, number>[] = Array.from({ length: count }, () => new Map<number, number>());
  for (const e of edges) {
    if (e.a === e.b) continue;
    maps[e.a]!.set(e.b, (maps[e.a]!.get(e.b) ?? 0) + e.lengthM);
    maps[e.b]!.set(e.a, (maps[e.b]!.get(e.a) ?? 0) + e.lengthM);
  }
  return maps.map((m) => [...m.entries()].sort((x, y) => x[0] - y[0]).map(([to, lengthM]) => ({ to, lengthM })));
}

/**
 * Breadth-first contiguity checks with reusable buffers (no allocation per check). A group is
 * contiguous when its required units (those carrying a building: a building's own piece) are
 * connected through units of the group; other units (the parts of a building's cell in another
 * grid) may be cut off, as a save gives such an island to the grid it borders most. Without
 * `required`, every unit is required.
 */
export class ContiguityChecker {
  private readonly stamp: Int32Array;
  private readonly queue: Int32Array;
  private readonly required: Uint8Array;
  private round = 0;

  constructor(private readonly adj: readonly (readonly Neighbour[])[], required?: ArrayLike<boolean>) {
    this.stamp = new Int32Array(adj.length);
    this.queue = new Int32Array(adj.length);
    this.required = Uint8Array.from({ length: adj.length }, (_, u) => (required === undefined || required[u] ? 1 : 0));
  }

  /**
   * true when group `group` stays contiguous once unit `without` (one of its members) leaves it,
   * and keeps at least one required unit. (`size`, the group's member count, is kept for callers.)
   */
  staysContiguousWithout(groupOf: ArrayLike<number>, group: number, size: number, without: number): boolean {
    if (size <= 1) return false;
    const required = this.requiredIn(groupOf, group, without);
    if (required === 0) return false;
    for (const n of this.adj[without]!) {
      if (groupOf[n.to] !== group || n.to === without) continue;
      const reached = this.reach(groupOf, group, n.to, without);
      if (reached === required) return true;
      // Some but not all: the required units fall apart without this one.
      if (reached > 0) return false;
    }
    return false;
  }

  /** true when the required members of `group` are connected (a group without any is not). */
  isContiguous(groupOf: ArrayLike<number>, group: number): boolean {
    let start = -1;
    for (let u = 0; u < groupOf.length; u++) {
      if (groupOf[u] === group && this.required[u]) { start = u; break; }
    }
    return start >= 0 && this.reach(groupOf, group, start, -1) === this.requiredIn(groupOf, group, -1);
  }

  private requiredIn(groupOf: ArrayLike<number>, group: number, skip: number): number {
    let n = 0;
    for (let u = 0; u < groupOf.length; u++) if (u !== skip && groupOf[u] === group && this.required[u]) n++;
    return n;
  }

  /** Number of required members of `group` reachable from `start` inside the group, never through `skip`. */
  private reach(groupOf: ArrayLike<number>, group: number, start: number, skip: number): number {
    const r = ++this.round;
    let head = 0;
    let tail = 0;
    let reached = 0;
    this.stamp[start] = r;
    this.queue[tail++] = start;
    while (head < tail) {
      const u = this.queue[head++]!;
      if (this.required[u]) reached++;
      for (const n of this.adj[u]!) {
        const v = n.to;
        if (v === skip || this.stamp[v] === r || groupOf[v] !== group) continue;
        this.stamp[v] = r;
        this.queue[tail++] = v;
      }
    }
    return reached;
  }
}

/** Households outside [min, max]: how far a grid of `households` is from the range (0 inside it). */
export function rangeViolation(households: number, min: number, max: number): number {
  return households < min ? min - households : households > max ? households - max : 0;
}
