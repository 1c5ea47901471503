import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { serveBackups } from '../../server/src/backup/control-socket.ts';
import type { Database } from '../../server/src/db/database.ts';
import { openEmbedded } from '../../server/src/db/embedded-driver.ts';
import { openPostgres } from '../../server/src/db/postgres-driver.ts';
import { adminQuery, copyPrefix, databaseUrlFor } from '../support/database-template.ts';

// `npm run backup` and `npm run restore` as an operator runs them: a backup of a database with a
// change of this test's own, restored into an empty one, gives every table back row for row.

const SCRIPT = fileURLToPath(new URL('../../scripts/backup.ts', import.meta.url));
const template = inject('databaseTemplate');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-backup-'));
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const MARKER = `insert into facility (name, kind, geom) values ('备份测试服务站', 'station', ST_SetSRID(ST_MakePoint(120.3, 31.57), 4326))`;

function cli(command: 'backup' | 'restore', file: string, env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, ['--import', 'tsx', SCRIPT, command, file], { env: { ...process.env, ...env }, encoding: 'utf8' });
}

/** The same without blocking this process, which may be the server the command talks to. */
async function cliAsync(command: 'backup' | 'restore', file: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', SCRIPT, command, file], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return stdout;
}

/** Every table of the platform's with its row count and a checksum of its rows. */
async function tableDigests(db: Database): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(fs.readFileSync(new URL('../../server/src/backup/user-tables.sql', import.meta.url), 'utf8'));
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ n: number; digest: string }>(
      `select count(*)::integer as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`,
    );
    out[name] = `${row!.n}:${row!.digest}`;
  }
  return out;
}

describe('backup and restore', () => {
  it('give every table back, row for row, into an empty database', async () => {
    const file = path.join(workDir, 'wangge.backup');
    let before: Record<string, string>;
    let after: Record<string, string>;
    if (template.driver === 'embedded') {
      const source = path.join(workDir, 'source');
      const db = await openEmbedded({ dataDir: path.join(source, 'pgdata'), queryTimeoutMs: 60_000, loadDataDir: new Blob([fs.readFileSync(template.dumpFile)]) });
      await db.query(MARKER);
      before = await tableDigests(db);
      // The server keeps running (it holds the database open): the backup comes through its socket.
      const backups = serveBackups(source, () => db.dump());
      expect(await cliAsync('backup', file, { DATA_DIR: source, DATABASE_URL: '' })).toMatch(/backed up/);
      await backups.close();
      await db.close();

      const target = path.join(workDir, 'target');
      expect(cli('restore', file, { DATA_DIR: target, DATABASE_URL: '' })).toMatch(/restored/);
      // A second restore into the same place is refused: it never mixes with data that is there.
      expect(() => cli('restore', file, { DATA_DIR: target, DATABASE_URL: '' })).toThrow(/already holds a database/);
      const restored = await openEmbedded({ dataDir: path.join(target, 'pgdata'), queryTimeoutMs: 60_000 });
      after = await tableDigests(restored);
      await restored.close();
    } else {
      const source = `${copyPrefix(template.templateName)}bk_src`;
      const target = `${copyPrefix(template.templateName)}bk_dst`;
      for (const name of [source, target]) {
        await adminQuery(template.adminUrl, `drop database if exists ${name} with (force)`);
        cleanups.push(() => adminQuery(template.adminUrl, `drop database if exists ${name} with (force)`));
      }
      await adminQuery(template.adminUrl, `create database ${source} template ${template.templateName}`);
      await adminQuery(template.adminUrl, `create database ${target}`);
      const db = openPostgres({ connectionString: databaseUrlFor(template.adminUrl, source) });
      await db.query(MARKER);
      before = await tableDigests(db);
      // The server may keep running while pg_dump takes its snapshot: this connection stays open.
      expect(cli('backup', file, { DATABASE_URL: databaseUrlFor(template.adminUrl, source) })).toMatch(/backed up/);
      await db.close();

      expect(cli('restore', file, { DATABASE_URL: databaseUrlFor(template.adminUrl, target) })).toMatch(/restored/);
      expect(() => cli('restore', file, { DATABASE_URL: databaseUrlFor(template.adminUrl, target) })).toThrow(/not empty/);
      const restored = openPostgres({ connectionString: databaseUrlFor(template.adminUrl, target) });
      after = await tableDigests(restored);
      await restored.close();
    }
    expect(Object.keys(before).length).toBeGreaterThan(10);
    expect(before['facility']).toBeDefined();
    expect(after).toEqual(before);
  }, 180_000);
});
