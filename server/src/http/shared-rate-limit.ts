import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';

const SQL = {
  add: sqlFile(import.meta.url, 'add-request-counts.sql'),
  prune: sqlFile(import.meta.url, 'prune-request-counts.sql'),
};

export interface SharedRateLimitOptions {
  /** Milliseconds between additions to the shared counts while requests come in. */
  syncMs?: number;
  log?: (message: string) => void;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * A per-key budget of requests a minute (fixed minutes) shared by every API process through the
 * database, without a query on the request's path: each process counts in memory, adds its
 * counts to request_count (migration 011) about once a second and learns the totals back. A key
 * is refused once the last known total plus this process's own uncounted requests reaches the
 * budget; between two additions other processes' newest requests are not seen yet, so the budget
 * can be overrun by at most a second's worth of them. When the database cannot be reached, each
 * process goes on counting by itself.
 */
export class SharedRateLimit {
  private minute = currentMinute();
  /** Requests of this minute not yet added to the shared counts. */
  private pending = new Map<string, number>();
  /** The shared totals of this minute as last read. */
  private totals = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | undefined;
  private failures = 0;
  private readonly syncMs: number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly db: Queryable,
    private readonly perMinute: number,
    options: SharedRateLimitOptions = {},
  ) {
    this.syncMs = options.syncMs ?? 1_000;
    this.log = options.log ?? ((m) => console.error(m));
  }

  hit(key: string): RateDecision {
    this.roll();
    const own = this.pending.get(key) ?? 0;
    if ((this.totals.get(key) ?? 0) + own >= this.perMinute) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(60 - (Date.now() / 1000) % 60)) };
    }
    this.pending.set(key, own + 1);
    // A key this process has not heard of yet is added at once (another process may have used it up).
    this.schedule(this.totals.has(key) ? this.syncMs : 0);
    return { ok: true };
  }

  /** Adds the pending counts now (tests, shutdown). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.sync();
  }

  private roll(): void {
    const minute = currentMinute();
    if (minute === this.minute) return;
    this.minute = minute;
    this.pending = new Map();
    this.totals = new Map();
  }

  private schedule(ms: number): void {
    if (this.timer && ms > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sync();
    }, ms);
    this.timer.unref();
  }

  private sync(): Promise<void> {
    this.syncing ??= this.addPending().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async addPending(): Promise<void> {
    const minute = this.minute;
    const batch = [...this.pending];
    if (batch.length === 0) return;
    this.pending = new Map();
    try {
      const rows = await this.db.query<{ key: string; hits: number }>(SQL.add, [batch.map(([k]) => k), batch.map(([, n]) => n), minute]);
      if (minute === this.minute) for (const r of rows) this.totals.set(r.key, r.hits);
      if (minute % 10 === 0) await this.db.query(SQL.prune, [minute - 1]);
      this.failures = 0;
    } catch (err) {
      // Keep counting by ourselves: what was not added stays this process's own.
      if (minute === this.minute) for (const [k, n] of batch) this.totals.set(k, (this.totals.get(k) ?? 0) + n);
      if (this.failures++ % 100 === 0) this.log(`Rate limit: cannot add to the shared request counts (${(err as Error).message}); counting in this process`);
    }
  }
}

function currentMinute(): number {
  return Math.floor(Date.now() / 60_000);
}
