import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import type { Express } from 'express';
import { createApp, type AppConfig } from '../../server/src/app.ts';
import type { Clock } from '../../server/src/cases/clock.ts';
import { readConfig } from '../../server/src/config.ts';
import type { Database } from '../../server/src/db/database.ts';
import { openEmbedded } from '../../server/src/db/embedded-driver.ts';
import { openPostgres } from '../../server/src/db/postgres-driver.ts';
import { adminQuery, copyPrefix, databaseUrlFor } from './database-template.ts';

export interface TestPlatform {
  url: string;
  db: Database;
  driver: Database['driver'];
  get(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** This test file's own copy of the demo database, served over HTTP on a free port; `clock` is the case workflow's now. */
export async function startTestPlatform(overrides: Partial<AppConfig> = {}, options: { clock?: Clock } = {}): Promise<TestPlatform> {
  const { db, dispose } = await openTestDatabase();
  const config = { ...readConfig(), ...overrides };
  const clientDist = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-no-client-'));
  const served = await serveApp(createApp({ db, config, clientDist, ...(options.clock ? { clock: options.clock } : {}) }), db);
  return {
    ...served,
    async close() {
      await served.close();
      await dispose();
      fs.rmSync(clientDist, { recursive: true, force: true });
    },
  };
}

/** An app listening on a free loopback port; close stops listening and cuts open connections (db stays open). */
export async function serveApp(app: Express, db: Database): Promise<TestPlatform> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  // A test may spend seconds on its own queries between two requests: with the default 5 s the
  // server could drop an idle keep-alive socket just as the client reuses it (ECONNRESET).
  server.keepAliveTimeout = 120_000;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    db,
    driver: db.driver,
    get: (pathAndQuery, init) => fetch(url + pathAndQuery, init),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A copy of the demo database for one test file; `url` is its PostgreSQL address (none when embedded). */
export async function openTestDatabase(): Promise<{ db: Database; url?: string; dispose(): Promise<void> }> {
  const template = inject('databaseTemplate');
  if (template.driver === 'embedded') {
    const loadDataDir = new Blob([fs.readFileSync(template.dumpFile)]);
    const db = await openEmbedded({ dataDir: undefined, queryTimeoutMs: 60_000, loadDataDir });
    return { db, dispose: () => db.close() };
  }
  const name = `${copyPrefix(template.templateName)}${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(template.adminUrl, `create database ${name} template ${template.templateName}`);
  const url = databaseUrlFor(template.adminUrl, name);
  const db = openPostgres({ connectionString: url });
  return {
    db,
    url,
    async dispose() {
      await db.close();
      await adminQuery(template.adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
