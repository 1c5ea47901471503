import fs from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import {
  DatabaseError,
  DatabaseUnavailableError,
  describeSql,
  sqlStateOf,
  type Database,
} from './database.ts';
import { probeMvt } from './postgres-driver.ts';

export interface EmbeddedOptions {
  /** Directory of the database files; undefined keeps it in memory. */
  dataDir: string | undefined;
  /** A query taking longer is treated as a wedge: 503 now, and a fresh instance for the next one. */
  queryTimeoutMs: number;
  /** A tarball from dumpEmbedded() to start from (test templates). */
  loadDataDir?: Blob;
}

type Target = PGlite | Transaction;

/**
 * PGlite with PostGIS, used in-process (not over a socket, where a GEOS exception hangs the
 * connection for good). Every query has a timeout; a timed-out instance is dropped and reopened
 * from its data directory, so one wedge costs one 503 rather than the whole server.
 */
export async function openEmbedded(options: EmbeddedOptions): Promise<Database & { dump(): Promise<Blob> }> {
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const create = (loadDataDir?: Blob) =>
    PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      extensions: { postgis },
    });

  let instance: PGlite = await create(options.loadDataDir);
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
      await pg.close();
    },
  };
  return db;
}
