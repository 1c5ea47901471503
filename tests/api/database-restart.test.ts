import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { readConfig } from '../../server/src/config.ts';
import type { Database } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { openPostgres } from '../../server/src/db/postgres-driver.ts';
import { loadDemo } from '../../server/src/demo/load-demo.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { serveApp, type TestPlatform } from '../support/test-platform.ts';

// A PostgreSQL server restarted five times (pg_ctl restart -m fast) under a mixed load of public
// reads, signed-in reads and writes. The cluster is this file's own (the other test files keep
// theirs running); it needs Debian's PostgreSQL 15 binaries and root (to run them as postgres),
// as CI has. The process must not die, failed requests must be 503 with Retry-After, service must
// come back by itself, and no acknowledged write may be lost.

const PG_BIN = '/usr/lib/postgresql/15/bin';
const canRun =
  inject('databaseTemplate').driver === 'postgres' && fs.existsSync(path.join(PG_BIN, 'pg_ctl')) && process.getuid?.() === 0;

const RESTARTS = 5;

let dir: string;
let port: number;
let db: Database;
let platform: TestPlatform;

function pgCtl(...args: string[]): void {
  execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, 'pg_ctl'), '-D', path.join(dir, 'data'), ...args], { stdio: 'ignore' });
}

describe.skipIf(!canRun)('a PostgreSQL restart under load', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-restart-'));
    execFileSync('chown', ['postgres:postgres', dir]);
    execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, 'initdb'), '-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync'], { stdio: 'ignore' });
    port = 20_000 + Math.floor(Math.random() * 20_000);
    pgCtl('-l', path.join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`, 'start');
    db = openPostgres({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, statementTimeoutMs: 10_000 });
    await migrate(db);
    await loadDemo(db);
    platform = await serveApp(createApp({ db, config: { ...readConfig(), rateLimitPerMinute: 1_000_000 }, clientDist: dir }), db);
  });

  afterAll(async () => {
    if (!canRun) return;
    await platform?.close();
    await db?.close();
    try {
      pgCtl('-m', 'immediate', 'stop');
    } catch {
      // already stopped
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the process serving: 503 with Retry-After while down, back by itself, no acknowledged write lost', async () => {
    const admin = await makeAccount(platform, 'admin', '320213');
    const leader = await makeAccount(platform, 'leader', '320213');
    const adminCookie = await signIn(platform, admin);
    const leaderCookie = await signIn(platform, leader);

    const outcomes = new Map<string, number>();
    const unexpected: string[] = [];
    const created: number[] = [];
    let written = 0;
    let running = true;

    const note = (what: string, res: Response) => {
      const key = `${what} ${res.status}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      if (res.status === 503 && !res.headers.get('retry-after')) unexpected.push(`${key} without Retry-After`);
      if (![200, 201, 404, 503].includes(res.status)) unexpected.push(key);
    };
    const requests: Record<string, () => Promise<void>> = {
      async locate() {
        note('locate', await platform.get('/api/locate?lng=120.3012&lat=31.5733'));
      },
      async health() {
        note('health', await platform.get('/api/health'));
      },
      async summary() {
        note('summary', await send(platform, 'GET', '/api/coverage/summary', leaderCookie));
      },
      async write() {
        const n = ++written;
        const res = await send(platform, 'POST', '/api/facilities', adminCookie, {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [120.29 + (n % 50) * 0.0005, 31.57] },
          properties: { name: `重启测试服务站${n}`, kind: 'station', address: '测试路 1 号', services: [] },
        });
        note('write', res);
        if (res.status === 201) created.push(((await res.json()) as { id: number }).id);
      },
    };
    const kinds = Object.keys(requests);
    const client = async (i: number) => {
      for (let j = i; running; j++) {
        try {
          await requests[kinds[j % kinds.length]!]!();
        } catch (err) {
          unexpected.push(`connection: ${(err as Error).message}`);
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, i) => client(i));

    const recoveries: number[] = [];
    for (let r = 0; r < RESTARTS; r++) {
      await new Promise((resolve) => setTimeout(resolve, 700));
      pgCtl('-m', 'fast', '-w', 'restart');
      const back = Date.now();
      for (;;) {
        const res = await platform.get('/api/health');
        if (res.status === 200) break;
        expect(Date.now() - back, `service back after restart ${r + 1}`).toBeLessThan(5_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      recoveries.push(Date.now() - back);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    running = false;
    await Promise.all(clients);

    expect(unexpected, [...outcomes].join(', ')).toEqual([]);
    expect(created.length).toBeGreaterThan(0);
    // Every write that got its 201 is there.
    const stored = await db.query<{ id: number }>('select id from facility where id = any ($1::integer[])', [created]);
    expect(stored.map((s) => s.id).sort((a, b) => a - b)).toEqual([...created].sort((a, b) => a - b));
    // And the platform answers normally again, reads and writes.
    expect((await platform.get('/api/locate?lng=120.3012&lat=31.5733')).status).toBe(200);
    await requests.write!();
    expect(created.length).toBeGreaterThan(0);
  }, 120_000);
});
