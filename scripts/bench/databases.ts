import crypto from 'node:crypto';
import pg from 'pg';
import { createAccount } from '../../server/src/accounts/accounts.ts';
import type { Role } from '../../server/src/auth/user.ts';
import type { Database } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { openPostgres } from '../../server/src/db/postgres-driver.ts';
import { loadDemo } from '../../server/src/demo/load-demo.ts';
import { progress } from './report.ts';

// The bench's own databases on the PostgreSQL server: wgdt_bench_<what>_<pid>, dropped at the end.

export function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery<Row extends object = Record<string, unknown>>(adminUrl: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export function benchDatabaseName(what: string): string {
  return `wgdt_bench_${what}_${process.pid}`;
}

/** A fresh database with the schema and the demo district, as `npm start` makes it. */
export async function createDemoDatabase(adminUrl: string): Promise<string> {
  const name = benchDatabaseName('demo');
  await adminQuery(adminUrl, `create database ${name}`);
  const db = openPostgres({ connectionString: databaseUrlFor(adminUrl, name), statementTimeoutMs: 600_000 });
  try {
    const started = performance.now();
    await migrate(db);
    await loadDemo(db);
    progress(`demo database ${name}: schema and demo district in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
  return name;
}

/**
 * A copy of the city database (CREATE DATABASE … TEMPLATE copies files; it needs nobody connected
 * to the source, so a busy source is retried for a while). The source is never written to.
 */
export async function copyDatabase(adminUrl: string, source: string, what: string, waitMs = 60_000): Promise<string> {
  const name = benchDatabaseName(what);
  const started = performance.now();
  for (;;) {
    try {
      await adminQuery(adminUrl, `create database ${name} template ${source}`);
      progress(`copied ${source} to ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return name;
    } catch (err) {
      const message = (err as Error).message;
      if (!/being accessed by other users/.test(message) || performance.now() - started > waitMs) throw err;
      progress(`${source} is in use; waiting to copy it…`);
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!name.startsWith('wgdt_bench_')) throw new Error(`refusing to drop ${name}: not a bench database`);
  await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
}

/** Drops the bench databases a crashed run of this bench left behind (other pids' runs included only when no longer connected). */
export async function dropLeftovers(adminUrl: string): Promise<void> {
  const rows = await adminQuery<{ datname: string }>(
    adminUrl,
    `select datname from pg_database d
     where datname ~ '^wgdt_bench_[a-z]+_[0-9]+$'
       and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)`,
  );
  for (const { datname } of rows) {
    const pid = Number(/_(\d+)$/.exec(datname)![1]);
    if (pid !== process.pid && processAlive(pid)) continue;
    progress(`dropping leftover ${datname}`);
    await dropDatabase(adminUrl, datname);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const rows = await adminQuery(adminUrl, 'select 1 from pg_database where datname = $1', [name]);
  return rows.length > 0;
}

export interface BenchAccount {
  username: string;
  password: string;
  role: Role;
  regionCode: string;
}

/** An account made directly in the database, with a generated password. */
export async function makeAccount(db: Database, role: Role, regionCode: string): Promise<BenchAccount> {
  const username = `bench_${role}_${crypto.randomBytes(3).toString('hex')}`;
  const { password } = await createAccount(db, { username, displayName: `基准${role}`, role, regionCode });
  return { username, password, role, regionCode };
}
