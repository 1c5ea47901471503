import { Tally } from './stats.ts';

export interface Plan {
  /** Unrecorded calls first (connections, plans, caches). */
  warmup: number;
  /** Recorded calls at most. */
  reps: number;
  /** Stop repeating once this much time (ms) has been spent on the recorded calls; at least one is made. */
  budgetMs: number;
}

export interface Outcome {
  status: number | string;
  bytes?: number;
}

/**
 * Calls one at a time: warm-up, then up to `reps` recorded calls within the budget. A warm-up that
 * fails or alone takes the whole budget becomes the only sample, so a slow or failing endpoint
 * costs one call, not a dozen.
 */
export async function sequential(plan: Plan, call: (i: number) => Promise<Outcome>, expected: readonly string[] = ['200']): Promise<Tally> {
  const tally = new Tally();
  let i = 0;
  for (let w = 0; w < plan.warmup; w++) {
    const started = performance.now();
    const o = await call(i++);
    const took = performance.now() - started;
    if (!expected.includes(String(o.status)) || took >= plan.budgetMs / 2) {
      tally.record(took, o.status, o.bytes ?? 0);
      tally.wallMs = took;
      return tally;
    }
  }
  const started = performance.now();
  for (let r = 0; r < plan.reps; r++) {
    const t0 = performance.now();
    const o = await call(i++);
    tally.record(performance.now() - t0, o.status, o.bytes ?? 0);
    if (performance.now() - started >= plan.budgetMs) break;
  }
  tally.wallMs = performance.now() - started;
  return tally;
}

/** `workers` loops calling for `seconds` (after `warmupSeconds` unrecorded); latencies of each call. */
export async function concurrent(
  workers: number,
  seconds: number,
  warmupSeconds: number,
  call: (worker: number, i: number) => Promise<Outcome>,
): Promise<Tally> {
  const tally = new Tally();
  let recording = false;
  let stopAt = performance.now() + warmupSeconds * 1000;
  let recordFrom = 0;
  const loop = async (w: number) => {
    let i = 0;
    for (;;) {
      const now = performance.now();
      if (now >= stopAt) {
        if (recording) return;
        // Whoever first sees the warm-up end starts the recorded part for everyone.
        recording = true;
        recordFrom = now;
        stopAt = now + seconds * 1000;
      }
      const t0 = performance.now();
      const o = await call(w, i++);
      const t1 = performance.now();
      if (recording && t0 >= recordFrom && t1 <= stopAt) tally.record(t1 - t0, o.status, o.bytes ?? 0);
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
  tally.wallMs = stopAt - recordFrom;
  return tally;
}
