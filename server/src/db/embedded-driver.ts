import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { postgis } from '@electric-sql/pglite-postgis';
import {
  DatabaseError,
  DatabaseUnavailableError,
  describeSql,
  sqlStateOf,
  type Database,
} from './database.ts';
import { loadTemplate } from './embedded-template.ts';
import { probeMvt } from './postgres-driver.ts';

/** The extensions of every embedded database (and of the committed template). */
export const EMBEDDED_EXTENSIONS = { postgis, pg_trgm };

export interface EmbeddedOptions {
  /** Directory of the database files; undefined keeps it in memory. */
  dataDir: string | undefined;
  /** A query taking longer is treated as a wedge: 503 now, and a fresh instance for the next one. */
  queryTimeoutMs: number;
  /** A tarball from dump() to start from (test templates, restores); a new database starts from the committed template. */
  loadDataDir?: Blob;
}

type Target = PGlite | Transaction;

/**
 * PGlite with PostGIS, used in-process (not over a socket, where a GEOS exception hangs the
 * connection for good). Every query has a timeout; a timed-out instance is dropped and reopened
 * from its data directory, so one wedge costs one 503 rather than the whole server.
 */
export async function openEmbedded(options: EmbeddedOptions): Promise<Database & { dump(): Promise<Blob> }> {
  const releaseLock = options.dataDir ? lockDataDir(options.dataDir) : () => undefined;
  const create = (loadDataDir?: Blob) =>
    PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      extensions: EMBEDDED_EXTENSIONS,
    });

  let instance: PGlite;
  try {
    const fresh = !options.dataDir || !fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
    instance = await create(options.loadDataDir ?? (fresh ? await loadTemplate() : undefined));
  } catch (err) {
    releaseLock();
    throw err;
  }
  let reopening: Promise<PGlite> | undefined;
  let closed = false;
  let mvt: Promise<boolean> | undefined;

  async function current(): Promise<PGlite> {
    if (closed) throw new DatabaseUnavailableError('The embedded database is closed');
    if (reopening) instance = await reopening;
    return instance;
  }

  function abandon(wedged: PGlite): void {
    if (reopening || wedged !== instance || !options.dataDir) return;
    console.error('Embedded database stopped answering; reopening it from', options.dataDir);
    reopening = create().finally(() => {
      reopening = undefined;
    });
  }

  async function run<Row extends object>(
    owner: PGlite,
    target: Target,
    sql: string,
    params: readonly unknown[] | undefined,
  ): Promise<Row[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abandon(owner);
        reject(new DatabaseUnavailableError(`Embedded query timed out after ${options.queryTimeoutMs} ms: "${describeSql(sql)}"`));
      }, options.queryTimeoutMs);
    });
    try {
      if (params === undefined) {
        await Promise.race([target.exec(sql), timeout]);
        return [];
      }
      const result = await Promise.race([target.query<Row>(sql, params as unknown[]), timeout]);
      return result.rows;
    } catch (err) {
      if (err instanceof DatabaseUnavailableError) throw err;
      throw new DatabaseError(`${(err as Error).message} (while running "${describeSql(sql)}")`, sqlStateOf(err), {
        cause: err,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  const db: Database & { dump(): Promise<Blob> } = {
    driver: 'embedded',
    async query(sql, params) {
      const pg = await current();
      return run(pg, pg, sql, params ?? []);
    },
    async exec(sql) {
      const pg = await current();
      await run(pg, pg, sql, undefined);
    },
    async transaction(fn) {
      const pg = await current();
      return pg.transaction((tx) =>
        fn({
          query: (sql, params) => run(pg, tx, sql, params ?? []),
          exec: async (sql) => void (await run(pg, tx, sql, undefined)),
        }),
      );
    },
    // One process at a time opens a data directory (its lock file): nothing to wait for.
    exclusively: (fn) => fn(),
    hasMvtSupport() {
      mvt ??= probeMvt(db);
      return mvt;
    },
    async dump() {
      const pg = await current();
      return pg.dumpDataDir('none');
    },
    async close() {
      if (closed) return;
      const pg = await current();
      closed = true;
      try {
        await pg.close();
      } finally {
        releaseLock();
      }
    },
  };
  return db;
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
