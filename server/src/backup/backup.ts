import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import { openEmbedded } from '../db/embedded-driver.ts';
import { sqlFile } from '../db/sql-file.ts';
import { requestBackup } from './control-socket.ts';

const USER_TABLES = sqlFile(import.meta.url, 'user-tables.sql');

export class BackupError extends Error {}

type Target = Pick<Config, 'databaseUrl' | 'dataDir'>;

/**
 * Writes a consistent, restorable copy of the platform's database to file:
 * - PostgreSQL: `pg_dump --format=custom` (one snapshot; the server may keep running);
 * - embedded: the data directory through the driver (a tarball PGlite loads back); from the
 *   running server through its control socket when there is one (one process at a time opens the
 *   embedded database), else by opening the database here.
 */
export async function backup(target: Target, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (target.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${target.databaseUrl}`]);
    return;
  }
  const fromServer = await requestBackup(target.dataDir).catch((err: Error) => {
    throw new BackupError(err.message);
  });
  if (fromServer) {
    writeWhole(file, fromServer);
    return;
  }
  const db = await openEmbedded({ dataDir: pgdata(target), queryTimeoutMs: 600_000 });
  try {
    writeWhole(file, Buffer.from(await (await db.dump()).arrayBuffer()));
  } finally {
    await db.close();
  }
}

/** The file appears complete or not at all. */
function writeWhole(file: string, bytes: Buffer): void {
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, bytes);
  fs.renameSync(partial, file);
}

/**
 * Loads a backup into an empty database: a PostgreSQL database without tables of its own (create
 * it with createdb), or a DATA_DIR without an embedded database yet. Refuses anything else, so a
 * restore never mixes with data that is there.
 */
export async function restore(target: Target, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`no backup file ${file}`);
  if (target.databaseUrl) {
    const tables = await userTables(target.databaseUrl);
    if (tables.length > 0) {
      throw new BackupError(`DATABASE_URL is not empty (${tables.slice(0, 5).join(', ')}…): restore into a new database (createdb) instead`);
    }
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target.databaseUrl}`, file]);
    return;
  }
  if (fs.existsSync(path.join(pgdata(target), 'PG_VERSION'))) {
    throw new BackupError(`${pgdata(target)} already holds a database: restore into a new DATA_DIR instead`);
  }
  const db = await openEmbedded({ dataDir: pgdata(target), queryTimeoutMs: 600_000, loadDataDir: new Blob([fs.readFileSync(file)]) });
  await db.close();
}

function pgdata(target: Target): string {
  return path.join(target.dataDir, 'pgdata');
}

async function userTables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>(USER_TABLES)).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(new BackupError(err.code === 'ENOENT' ? `${command} not found: install the PostgreSQL client tools (Debian: postgresql-client)` : err.message)),
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`))));
  });
}
