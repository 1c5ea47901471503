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

/** Breadth-first contiguity checks with reusable buffers (no allocation per check). */
export class ContiguityChecker {
  private readonly stamp: Int32Array;
  private readonly queue: Int32Array;
  private round = 0;

  constructor(private readonly adj: readonly (readonly Neighbour[])[]) {
    this.stamp = new Int32Array(adj.length);
    this.queue = new Int32Array(adj.length);
  }

  /**
   * true when group `group` (units u with groupOf[u] === group, `size` of them) stays contiguous
   * and non-empty once unit `without` (one of its members) leaves it.
   */
  staysContiguousWithout(groupOf: ArrayLike<number>, group: number, size: number, without: number): boolean {
    if (size <= 1) return false;
    let start = -1;
    for (const n of this.adj[without]!) {
      if (groupOf[n.to] === group && n.to !== without) { start = n.to; break; }
    }
    if (start < 0) return false;
    return this.reach(groupOf, group, start, without) === size - 1;
  }

  /** true when the members of `group` are connected (an empty group is not). */
  isContiguous(groupOf: ArrayLike<number>, group: number): boolean {
    let start = -1;
    let size = 0;
    for (let u = 0; u < groupOf.length; u++) {
      if (groupOf[u] !== group) continue;
      if (start < 0) start = u;
      size++;
    }
    return start >= 0 && this.reach(groupOf, group, start, -1) === size;
  }

  /** Number of members of `group` reachable from `start` inside the group, never through `skip`. */
  private reach(groupOf: ArrayLike<number>, group: number, start: number, skip: number): number {
    const r = ++this.round;
    let head = 0;
    let tail = 0;
    this.stamp[start] = r;
    this.queue[tail++] = start;
    while (head < tail) {
      const u = this.queue[head++]!;
      for (const n of this.adj[u]!) {
        const v = n.to;
        if (v === skip || this.stamp[v] === r || groupOf[v] !== group) continue;
        this.stamp[v] = r;
        this.queue[tail++] = v;
      }
    }
    return tail;
  }
}

/** Households outside [min, max]: how far a grid of `households` is from the range (0 inside it). */
export function rangeViolation(households: number, min: number, max: number): number {
  return households < min ? min - households : households > max ? households - max : 0;
}
