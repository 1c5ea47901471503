import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  DatabaseError,
  DatabaseUnavailableError,
  describeSql,
  isUnavailableState,
  sqlStateOf,
  type Database,
  type Queryable,
} from './database.ts';
import { postgresListener, type PostgresListener } from './postgres-listener.ts';

export interface PostgresOptions {
  connectionString: string;
  statementTimeoutMs?: number;
  /** Connections at most (default 20): with fewer, concurrent public requests queue for one. */
  poolMax?: number;
  /** Milliseconds to wait for a new connection (default 10 s) before the query fails as unavailable. */
  connectTimeoutMs?: number;
}

/** The advisory lock key of start-up (schema and demo data): 'wgdt' in ASCII. */
const STARTUP_LOCK = 0x77676474;

export function openPostgres(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolMax ?? 20,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    // JIT compiling costs more than it saves on this workload: the planner's estimates on spatial
    // joins are high, so short queries (a grid save's neighbour adjustment: 5 ms of work) were
    // compiled on every call for 0.6–6.8 s. Statements are prepared once per connection (see
    // run()) but still planned for their own parameters, as before.
    options: '-c jit=off -c plan_cache_mode=force_custom_plan',
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', (err) => console.error('PostgreSQL pool error:', err.message));

  let mvt: Promise<boolean> | undefined;
  let listener: PostgresListener | undefined;

  const db: Database = {
    driver: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    exec: async (sql) => void (await run(pool, sql)),
    async transaction(fn) {
      const { client, release } = await connect(pool);
      let lost = false;
      const tracked = async <Row extends object>(sql: string, params?: readonly unknown[]) => {
        try {
          return await run<Row>(client, sql, params);
        } catch (err) {
          if (err instanceof DatabaseUnavailableError) lost = true;
          throw err;
        }
      };
      try {
        await tracked('begin');
        const result = await fn({
          query: (sql, params) => tracked(sql, params),
          exec: async (sql) => void (await tracked(sql)),
        });
        await tracked('commit');
        return result;
      } catch (err) {
        if (!lost) await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        release(lost);
      }
    },
    async exclusively(fn) {
      // A session-level advisory lock, held on a connection of its own while fn uses the pool.
      const { client, release } = await connect(pool);
      let lost = false;
      try {
        await run(client, 'select pg_advisory_lock($1)', [STARTUP_LOCK]);
        try {
          return await fn();
        } finally {
          await run(client, 'select pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => {
            lost = true;
          });
        }
      } catch (err) {
        if (err instanceof DatabaseUnavailableError) lost = true;
        throw err;
      } finally {
        release(lost);
      }
    },
    hasMvtSupport() {
      mvt ??= probeMvt(db);
      return mvt;
    },
    listen(channel, onMessage) {
      listener ??= postgresListener(options.connectionString);
      return listener.listen(channel, onMessage);
    },
    async close() {
      await listener?.close();
      await pool.end();
    },
  };
  return db;
}

/**
 * A client checked out for a transaction. While out of the pool it has no error listener of the
 * pool's, and a connection lost meanwhile (a server restart) would be an unhandled 'error' event
 * that ends the process: it gets its own until released. A client whose connection failed is
 * destroyed on release rather than handed to the next request.
 */
async function connect(pool: pg.Pool): Promise<{ client: pg.PoolClient; release: (failed: boolean) => void }> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw new DatabaseUnavailableError(`Cannot connect to PostgreSQL: ${(err as Error).message}`, { cause: err });
  }
  let lost: Error | undefined;
  const onError = (err: Error) => {
    lost = err;
  };
  client.on('error', onError);
  return {
    client,
    release(failed) {
      client.off('error', onError);
      client.release(failed || lost !== undefined ? (lost ?? true) : undefined);
    },
  };
}

/** A connection of one's own (a script's pg.Client) as a Queryable, with the driver's error mapping. */
export function clientQueryable(client: pg.ClientBase): Queryable {
  return {
    query: (sql, params) => run(client, sql, params),
    exec: async (sql) => void (await run(client, sql)),
  };
}

async function run<Row extends object>(
  target: pg.Pool | pg.ClientBase,
  sql: string,
  params: readonly unknown[] = [],
): Promise<Row[]> {
  try {
    // With parameters: a named statement, parsed once per connection (the public finder's
    // queries spent as long being parsed and analysed as running).
    const result = params.length > 0
      ? await target.query<Row>({ name: statementName(sql), text: sql, values: params as unknown[] })
      : await target.query<Row>(sql);
    return result.rows;
  } catch (err) {
    // Only the server's errors carry an SQLSTATE; a connection that could not be made or broke
    // (ECONNREFUSED, ECONNRESET, ETIMEDOUT) has a Node error code instead, and is unavailability.
    const state = err instanceof pg.DatabaseError ? sqlStateOf(err) : undefined;
    if (isUnavailableState(state) || state === undefined) {
      throw new DatabaseUnavailableError(`PostgreSQL unavailable while running "${describeSql(sql)}"`, { cause: err });
    }
    throw new DatabaseError(`${(err as Error).message} (while running "${describeSql(sql)}")`, state, { cause: err });
  }
}

const names = new Map<string, string>();

/** A prepared statement's name: the same text always gets the same one on every connection. */
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `wgdt_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}

export async function probeMvt(db: Queryable): Promise<boolean> {
  try {
    await db.query(
      "select ST_AsMVT(q, 'probe') from (select ST_AsMVTGeom(ST_Point(0, 0), ST_MakeEnvelope(-1, -1, 1, 1)) as geom) q",
    );
    return true;
  } catch {
    return false;
  }
}
