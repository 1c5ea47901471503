// Percentiles and the tally of what the requests answered.

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  // Nearest rank: the smallest value with at least p of the samples at or below it.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** What a measured operation did: latencies (ms) and every outcome counted. */
export class Tally {
  readonly latencies: number[] = [];
  /** "200", "304", "503", "timeout", "error: …" → count. */
  readonly outcomes = new Map<string, number>();
  bytes = 0;
  /** Wall time the measured part took (ms), for a throughput. */
  wallMs = 0;

  record(ms: number, outcome: string | number, bytes = 0): void {
    this.latencies.push(ms);
    const key = String(outcome);
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
    this.bytes += bytes;
  }

  /** Adds another tally's requests and wall time (separate passes measured as one). */
  merge(other: Tally): void {
    this.latencies.push(...other.latencies);
    for (const [k, n] of other.outcomes) this.outcomes.set(k, (this.outcomes.get(k) ?? 0) + n);
    this.bytes += other.bytes;
    this.wallMs += other.wallMs;
  }

  get count(): number {
    return this.latencies.length;
  }

  p(pct: number): number {
    return percentile([...this.latencies].sort((a, b) => a - b), pct);
  }

  get p50(): number {
    return this.p(50);
  }

  get p95(): number {
    return this.p(95);
  }

  get mean(): number {
    return this.latencies.reduce((s, x) => s + x, 0) / Math.max(1, this.latencies.length);
  }

  /** Completed operations a second over the measured wall time. */
  get throughput(): number {
    return this.wallMs > 0 ? (this.count * 1000) / this.wallMs : NaN;
  }

  /** Answers with an expected outcome a second over the measured wall time. */
  rate(expected: readonly string[] = ['200']): number {
    const good = expected.reduce((n, k) => n + (this.outcomes.get(k) ?? 0), 0);
    return this.wallMs > 0 ? (good * 1000) / this.wallMs : NaN;
  }

  /** Outcomes other than the expected ones, e.g. "503×3, timeout×1"; empty when all were expected. */
  failures(expected: readonly string[] = ['200']): string {
    return [...this.outcomes]
      .filter(([k]) => !expected.includes(k))
      .map(([k, n]) => `${k}×${n}`)
      .join(', ');
  }
}

/** A seeded pseudo-random generator (mulberry32), so every run asks for the same points. */
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
