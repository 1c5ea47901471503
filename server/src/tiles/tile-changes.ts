import type { Database, Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { TILE_LAYERS, type TileLayer } from './tile-geometry.ts';

const SQL = {
  changes: sqlFile(import.meta.url, 'tile-changes.sql'),
  snapshot: sqlFile(import.meta.url, 'tile-snapshot.sql'),
  prune: sqlFile(import.meta.url, 'prune-tile-changes.sql'),
};

/** Every statement the feed runs starts with this comment (tests tell its queries from tiles' ones). */
export const TILE_CHANGE_POLL_MARK = '-- tile change poll';

/** A changed feature's bounding box in WGS84 degrees, before or after the change. */
export interface TileChange {
  layer: TileLayer;
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface TileChangeFeedOptions {
  /** Milliseconds between reads of the change log while tiles are being served. */
  pollMs: number;
  /** Change log rows are kept this long (seconds); a process that stopped reading longer than half of it starts afresh. */
  retainSeconds?: number;
  /** Polling stops after this long without a tile request and resumes (with a read) on the next. */
  idleMs?: number;
  /** Where old rows are deleted (default: the database read): the primary when the log is read from a read replica. */
  prune?: Queryable;
  log?: (message: string) => void;
}

const MAX_BACKOFF_MS = 5_000;
const PRUNE_EVERY_MS = 60_000;

/**
 * Follows tile_change (migration 006) for one process: reads the rows committed since its last
 * read, in the background every pollMs and on demand (sync), and hands them to onChanges. When it
 * cannot follow (first read, or it stopped reading for too long), onReset is called instead: the
 * caller then forgets everything it cached. Database errors are logged and retried with backoff;
 * they never escape the background loop.
 */
export class TileChangeFeed {
  private snapshot: string | undefined;
  /** Date.now() of the start of the last successful read. */
  private syncedAt = 0;
  private lastPruneAt = 0;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private closed = false;
  private failures = 0;
  private lastUse = 0;
  private readonly retainSeconds: number;
  private readonly idleMs: number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly db: Database,
    private readonly onChanges: (changes: TileChange[]) => void,
    private readonly onReset: () => void,
    private readonly options: TileChangeFeedOptions,
  ) {
    this.retainSeconds = options.retainSeconds ?? 3600;
    this.idleMs = options.idleMs ?? 300_000;
    this.log = options.log ?? ((m) => console.error(m));
  }

  /** Milliseconds since the start of the last successful read (Infinity before the first). */
  age(): number {
    return this.syncedAt === 0 ? Infinity : Date.now() - this.syncedAt;
  }

  /** Marks the feed in use (keeps background polling on); starts polling when it was not. */
  touch(): void {
    this.lastUse = Date.now();
    if (!this.polling && !this.closed) {
      this.polling = true;
      this.schedule(0);
    }
  }

  /**
   * A read of the change log that starts after this call (one already running may have missed a
   * commit that came just before): resolves when its changes are applied, rejects when the read fails.
   */
  sync(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.running) {
      this.running = this.readOnce().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.sync();
      });
    return this.queued;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.polling = false;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.closed || !this.polling) return;
    if (Date.now() - this.lastUse > this.idleMs) {
      this.polling = false;
      return;
    }
    try {
      await this.sync();
      if (this.failures > 0) this.log(`Tile cache: reading the tile change log again after ${this.failures} failed attempt(s)`);
      this.failures = 0;
      if (Date.now() - this.lastPruneAt > PRUNE_EVERY_MS) {
        this.lastPruneAt = Date.now();
        await (this.options.prune ?? this.db).query(SQL.prune, [this.retainSeconds]);
      }
    } catch (err) {
      if (this.closed) return;
      this.failures++;
      if (this.failures === 1 || this.failures % 100 === 0) {
        this.log(`Tile cache: cannot read the tile change log (${(err as Error).message}); retrying`);
      }
    }
    if (this.closed || !this.polling) return;
    this.schedule(Math.min(MAX_BACKOFF_MS, this.options.pollMs * 2 ** Math.min(this.failures, 6)));
  }

  private async readOnce(): Promise<void> {
    const started = Date.now();
    const stale = this.snapshot === undefined || started - this.syncedAt > (this.retainSeconds * 1000) / 2;
    if (stale) {
      const [row] = await this.db.query<{ snapshot: string }>(SQL.snapshot);
      if (this.closed) return;
      this.snapshot = row!.snapshot;
      this.syncedAt = started;
      this.onReset();
      return;
    }
    const rows = await this.db.query<{ snapshot: string; layer: string | null; west: number; south: number; east: number; north: number }>(
      SQL.changes,
      [this.snapshot],
    );
    if (this.closed) return;
    const changes: TileChange[] = [];
    for (const r of rows) {
      if (r.layer === null || !(TILE_LAYERS as readonly string[]).includes(r.layer)) continue;
      changes.push({ layer: r.layer as TileLayer, west: Number(r.west), south: Number(r.south), east: Number(r.east), north: Number(r.north) });
    }
    this.snapshot = rows[0]!.snapshot;
    this.syncedAt = started;
    if (changes.length > 0) this.onChanges(changes);
  }
}
