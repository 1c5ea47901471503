import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  DatabaseBusyError,
  DatabaseError,
  DatabaseUnavailableError,
  describeSql,
  sqlStateOf,
  type Database,
  type Queryable,
} from './database.ts';
import { loadTemplate } from './embedded-template.ts';
import { probeMvt } from './postgres-driver.ts';

export interface EmbeddedOptions {
  /** Directory of the database files; undefined keeps it in memory. */
  dataDir: string | undefined;
  /** A call taking longer fails with 503; on disk the database thread is then restarted (data intact). */
  queryTimeoutMs: number;
  /** Calls waiting for the database beyond this many fail at once with 503 (default 200). */
  maxWaiting?: number;
  /** A tarball from dump() to start from (test templates, restores). */
  loadDataDir?: Blob;
  /** A new database starts from the committed template (default); false creates PostGIS from scratch. */
  template?: boolean;
}

export type EmbeddedDatabase = Database & Required<Pick<Database, 'dump'>>;

type Operation =
  | { op: 'query'; sql: string; params: readonly unknown[]; tx?: number }
  | { op: 'exec'; sql: string; tx?: number }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'dump' }
  | { op: 'close' };

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { message: string; code?: string; detail?: string };
}

interface Call {
  resolve(value: unknown): void;
  reject(err: Error): void;
  sentAt: number;
}

const WORKER = new URL('./embedded-worker.mjs', import.meta.url);
const DEFAULT_MAX_WAITING = 200;

/**
 * PGlite with PostGIS on its own thread (embedded-worker.mjs): a statement runs synchronously in
 * WebAssembly, so the HTTP thread never waits on one. Every call has a timeout. A timed-out
 * database on disk is stopped and started again from its files (PostgreSQL's crash recovery keeps
 * what was committed): one runaway query costs 503s for a few seconds, not the server. In memory
 * (tests) there is nothing to restart from: the call fails, the statement runs to its end.
 */
export async function openEmbedded(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const releaseLock = options.dataDir ? lockDataDir(options.dataDir) : () => undefined;
  const maxWaiting = options.maxWaiting ?? DEFAULT_MAX_WAITING;
  let thread: DatabaseThread;
  try {
    const fresh = !options.dataDir || !fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
    const initial = options.loadDataDir ?? (fresh && options.template !== false ? await loadTemplate() : undefined);
    thread = await DatabaseThread.start(options.dataDir, initial);
  } catch (err) {
    releaseLock();
    throw err;
  }
  let restarting: Promise<DatabaseThread> | undefined;
  let restartedAt = 0;
  let closed = false;
  let mvt: Promise<boolean> | undefined;

  async function current(): Promise<DatabaseThread> {
    if (closed) throw new DatabaseUnavailableError('The embedded database is closed');
    if (restarting) return restarting;
    if (!thread.alive) {
      if (!options.dataDir) throw new DatabaseUnavailableError('The in-memory embedded database stopped');
      console.error('Embedded database thread stopped; starting it again from', options.dataDir);
      restartedAt = Date.now();
      restarting = DatabaseThread.start(options.dataDir, undefined).finally(() => (restarting = undefined));
      thread = await restarting;
    }
    return thread;
  }

  async function call(operation: Operation, on?: DatabaseThread): Promise<unknown> {
    const target = on ?? (await current());
    if (on && on !== thread) throw new DatabaseUnavailableError('The embedded database was restarted during this transaction');
    if (target.waiting >= maxWaiting) {
      throw new DatabaseBusyError(`The embedded database has ${target.waiting} calls waiting: try again shortly`);
    }
    const timeoutMs = operation.op === 'dump' ? undefined : options.queryTimeoutMs;
    try {
      return await target.send(operation, timeoutMs, () => {
        // On disk: stop the thread (its calls fail with 503) and start a new one on the next call.
        if (options.dataDir && target === thread) void target.stop();
      });
    } catch (err) {
      if (err instanceof DatabaseUnavailableError || !('sql' in operation)) throw err;
      throw new DatabaseError(`${err instanceof Error ? err.message : String(err)} (while running "${describeSql(operation.sql)}")`, sqlStateOf(err), { cause: err });
    }
  }

  const db: EmbeddedDatabase = {
    driver: 'embedded',
    async query<Row extends object>(sql: string, params?: readonly unknown[]) {
      return (await call({ op: 'query', sql, params: params ?? [] })) as Row[];
    },
    async exec(sql) {
      await call({ op: 'exec', sql });
    },
    async transaction(fn) {
      const on = await current();
      const tx = (await call({ op: 'begin' }, on)) as number;
      const queryable: Queryable = {
        query: async <Row extends object>(sql: string, params?: readonly unknown[]) =>
          (await call({ op: 'query', sql, params: params ?? [], tx }, on)) as Row[],
        exec: async (sql) => void (await call({ op: 'exec', sql, tx }, on)),
      };
      let result;
      try {
        result = await fn(queryable);
      } catch (err) {
        await call({ op: 'end', tx, commit: false }, on).catch(() => undefined);
        throw err;
      }
      await call({ op: 'end', tx, commit: true }, on);
      return result;
    },
    // One process at a time opens a data directory (its lock file): nothing to wait for.
    exclusively: (fn) => fn(),
    hasMvtSupport() {
      mvt ??= probeMvt(db);
      return mvt;
    },
    // While the thread starts again, calls wait for it since the restart began.
    waitingMs: () => (restarting ? Date.now() - restartedAt : thread.oldestWaitMs()),
    async dump() {
      return new Blob([(await call({ op: 'dump' })) as ArrayBuffer]);
    },
    async close() {
      if (closed) return;
      const last = await current();
      closed = true;
      try {
        // A clean close waits for the statement running; one past the timeout is cut (crash recovery on the next open).
        await last.send({ op: 'close' }, options.queryTimeoutMs, () => undefined).catch(() => undefined);
        await last.stop();
      } finally {
        releaseLock();
      }
    },
  };
  return db;
}

/** One worker thread holding one PGlite instance, and the calls it has not answered yet. */
class DatabaseThread {
  private readonly calls = new Map<number, Call>();
  private nextId = 1;
  alive = true;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => this.answer(reply));
    const fail = (reason: string) => {
      this.alive = false;
      for (const c of this.calls.values()) c.reject(new DatabaseUnavailableError(`The embedded database stopped: ${reason}`));
      this.calls.clear();
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`its thread exited (${code})`));
  }

  static start(dataDir: string | undefined, initial: Blob | undefined): Promise<DatabaseThread> {
    return (initial ? initial.arrayBuffer() : Promise.resolve(undefined)).then(
      (loadDataDir) =>
        new Promise<DatabaseThread>((resolve, reject) => {
          const worker = new Worker(WORKER, { workerData: { dataDir, loadDataDir }, transferList: loadDataDir ? [loadDataDir] : [] });
          const thread = new DatabaseThread(worker);
          // Call 0 is the start: answered once PGlite is open.
          thread.calls.set(0, { resolve: () => resolve(thread), reject, sentAt: Date.now() });
        }),
    );
  }

  get waiting(): number {
    return this.calls.size;
  }

  oldestWaitMs(): number {
    let oldest = Number.POSITIVE_INFINITY;
    for (const c of this.calls.values()) oldest = Math.min(oldest, c.sentAt);
    return oldest === Number.POSITIVE_INFINITY ? 0 : Date.now() - oldest;
  }

  send(operation: Operation, timeoutMs: number | undefined, onTimeout: () => void): Promise<unknown> {
    if (!this.alive) return Promise.reject(new DatabaseUnavailableError('The embedded database stopped'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.calls.delete(id);
              reject(new DatabaseUnavailableError(`Embedded query timed out after ${timeoutMs} ms: "${'sql' in operation ? describeSql(operation.sql) : operation.op}"`));
              onTimeout();
            }, timeoutMs);
      const settle = <T>(fn: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        fn(value);
      };
      this.calls.set(id, { resolve: settle(resolve), reject: settle(reject), sentAt: Date.now() });
      this.worker.postMessage({ id, ...operation });
    });
  }

  async stop(): Promise<void> {
    this.alive = false;
    await this.worker.terminate();
  }

  private answer(reply: Reply): void {
    const c = this.calls.get(reply.id);
    if (!c) return; // timed out meanwhile
    this.calls.delete(reply.id);
    if (reply.ok) c.resolve(reply.value);
    else c.reject(Object.assign(new Error(reply.error?.message ?? 'embedded database error'), { code: reply.error?.code, detail: reply.error?.detail }));
  }
}

/**
 * One process at a time may open an embedded database: two PGlite instances on one directory
 * corrupt it. A lock file holds the owner's pid; a lock left by a process that is gone is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'wgdt.lock');
  const owner = Number(fs.readFileSync(lockFile, { encoding: 'utf8', flag: 'a+' }).trim());
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new DatabaseUnavailableError(
      `The embedded database in ${dataDir} is open in process ${owner}: stop that process (e.g. the server) first.`,
    );
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => fs.rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
