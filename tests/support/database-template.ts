import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openEmbedded } from '../../server/src/db/embedded-driver.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { openPostgres } from '../../server/src/db/postgres-driver.ts';
import { loadDemo } from '../../server/src/demo/load-demo.ts';

/**
 * One migrated database with the demo district per test run; every test file gets its own copy.
 * Embedded: a PGlite data-dir dump of the migrated demo (loading one costs ~4 s, migrating and loading the demo ~8 s more).
 * Postgres: a template database copied with CREATE DATABASE … TEMPLATE.
 */
export type DatabaseTemplate =
  | { driver: 'embedded'; dumpFile: string }
  | { driver: 'postgres'; adminUrl: string; templateName: string };

/** Each test file's copy starts with this, so two runs on one server never drop each other's. */
export function copyPrefix(templateName: string): string {
  return templateName.replace('wgdt_template_', 'wgdt_test_') + '_';
}

export function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function buildTemplate(testDatabaseUrl: string | undefined): Promise<DatabaseTemplate> {
  if (testDatabaseUrl) {
    const templateName = `wgdt_template_${process.pid}_${Date.now()}`;
    await adminQuery(testDatabaseUrl, `create database ${templateName}`);
    const db = openPostgres({ connectionString: databaseUrlFor(testDatabaseUrl, templateName) });
    try {
      await migrate(db);
      await loadDemo(db);
    } finally {
      await db.close();
    }
    return { driver: 'postgres', adminUrl: testDatabaseUrl, templateName };
  }
  const db = await openEmbedded({ dataDir: undefined, queryTimeoutMs: 300_000 });
  try {
    await migrate(db);
    await loadDemo(db);
    const dumpFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-template-')), 'template.tar');
    fs.writeFileSync(dumpFile, Buffer.from(await (await db.dump()).arrayBuffer()));
    return { driver: 'embedded', dumpFile };
  } finally {
    await db.close();
  }
}

export async function dropTemplate(template: DatabaseTemplate): Promise<void> {
  if (template.driver === 'embedded') {
    fs.rmSync(path.dirname(template.dumpFile), { recursive: true, force: true });
    return;
  }
  // This run's copies left by crashed test files go too.
  const leftovers = await adminQuery<{ datname: string }>(
    template.adminUrl,
    "select datname from pg_database where datname like $1 || '%' or datname = $2",
    [copyPrefix(template.templateName), template.templateName],
  );
  for (const { datname } of leftovers) await adminQuery(template.adminUrl, `drop database if exists ${datname} with (force)`);
}

export async function adminQuery<Row extends object>(adminUrl: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
