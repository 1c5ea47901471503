import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Express } from 'express';
import { closeApp, createApp } from '../../server/src/app.ts';
import { readConfig } from '../../server/src/config.ts';
import type { Database } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { openPostgres } from '../../server/src/db/postgres-driver.ts';
import { loadDemo } from '../../server/src/demo/load-demo.ts';
import { makeAccount } from '../support/accounts.ts';
import { makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { serveApp, type TestPlatform } from '../support/test-platform.ts';

// DATABASE_READ_URL: a primary and a streaming replica of it (pg_basebackup -R), both this file's
// own clusters on loopback. It needs Debian's PostgreSQL 15 binaries and root (to run them as
// postgres), as CI has. Which server answered is told by what it answers: the replica's replay is
// paused while the planner edits, so a read that shows the edit came from the primary and one
// that does not came from the replica.

const PG_BIN = '/usr/lib/postgresql/15/bin';
const canRun =
  inject('databaseTemplate').driver === 'postgres' && fs.existsSync(path.join(PG_BIN, 'pg_basebackup')) && process.getuid?.() === 0;

const RETRY_AFTER_MS = 400;

let dir: string;
const ports = { primary: 0, replica: 0 };
let db: Database;
let replicaDb: Database;
let monitor: Database;
let app: Express;
let platform: TestPlatform;

function asPostgres(program: string, ...args: string[]): void {
  execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, program), ...args], { stdio: 'ignore' });
}

function pgCtl(cluster: 'primary' | 'replica', ...args: string[]): void {
  asPostgres('pg_ctl', '-D', path.join(dir, cluster), ...args);
}

function startCluster(cluster: 'primary' | 'replica'): void {
  const options = `-p ${ports[cluster]} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c wal_level=replica -c hot_standby=on`;
  pgCtl(cluster, '-l', path.join(dir, `${cluster}.log`), '-w', '-o', options, 'start');
}

const urlOf = (cluster: 'primary' | 'replica') => `postgres://postgres@127.0.0.1:${ports[cluster]}/postgres`;

/** Waits until the replica has replayed everything the primary has written so far. */
async function replicaCaughtUp(): Promise<void> {
  const [{ lsn }] = (await db.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')) as [{ lsn: string }];
  const started = Date.now();
  for (;;) {
    const [row] = await monitor.query<{ done: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [lsn]);
    if (row?.done) return;
    expect(Date.now() - started, 'replica caught up').toBeLessThan(15_000);
    await sleep(50);
  }
}

async function pauseReplay(): Promise<void> {
  await replicaCaughtUp();
  await monitor.query('select pg_wal_replay_pause()');
  for (;;) {
    const [row] = await monitor.query<{ state: string }>('select pg_get_wal_replay_pause_state() as state');
    if (row?.state === 'paused') return;
    await sleep(20);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Tile = [number, number, number];

function tileOf([lng, lat]: [number, number], z: number): Tile {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [z, Math.floor(((lng + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

/** The feature ids in one layer of a tile (asked without Accept-Encoding: the raw tile). */
function tileIds(layer: 'grids' | 'facilities', [z, x, y]: Tile, cookie?: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    http
      .get(`${platform.url}/tiles/${layer}/${z}/${x}/${y}.mvt`, { headers: cookie ? { cookie } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200 && res.statusCode !== 204) return reject(new Error(`tile ${layer}/${z}/${x}/${y}: ${res.statusCode}`));
          const body = Buffer.concat(chunks);
          const l = body.length > 0 ? new VectorTile(new PbfReader(body)).layers[layer] : undefined;
          const ids: string[] = [];
          for (let i = 0; l && i < l.length; i++) ids.push(String(l.feature(i).properties['id']));
          resolve(ids);
        });
      })
      .on('error', reject);
  });
}

async function nearestIds([lng, lat]: [number, number], cookie?: string): Promise<number[]> {
  const res = await platform.get(`/api/nearest?lng=${lng}&lat=${lat}&k=3`, cookie ? { headers: { cookie } } : {});
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: { facility: { id: number } }[] }).results.map((r) => r.facility.id);
}

/** Cookies of a browser: what the server sets replaces what it had. */
class Browser {
  private readonly jar = new Map<string, string>();
  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  has(name: string): boolean {
    return this.jar.has(name);
  }
  async send(method: string, pathAndQuery: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.header() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await platform.get(pathAndQuery, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return res;
  }
  sessionOnly(): string {
    return `wgdt_session=${this.jar.get('wgdt_session')}`;
  }
  /** Drops a cookie, as the browser does when its Max-Age has passed. */
  forget(name: string): void {
    this.jar.delete(name);
  }
}

function gridBody(c: TestCommunity) {
  return {
    type: 'Feature',
    geometry: c.rect(0.1, 0.1, 0.6, 0.6),
    properties: { name: '副本测试网格', communityCode: c.code, households: 300, population: 800 },
    note: '只读副本测试',
  };
}

function stationBody([lng, lat]: [number, number], name: string) {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: { name, kind: 'station', address: '副本路 1 号', services: [] } };
}

describe.skipIf(!canRun)('a streaming read replica (DATABASE_READ_URL)', () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-replica-'));
    execFileSync('chown', ['postgres:postgres', dir]);
    ports.primary = 20_000 + Math.floor(Math.random() * 20_000);
    ports.replica = ports.primary + 1;
    asPostgres('initdb', '-D', path.join(dir, 'primary'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync');
    fs.appendFileSync(path.join(dir, 'primary', 'pg_hba.conf'), '\nhost replication all 127.0.0.1/32 trust\n');
    startCluster('primary');
    db = openPostgres({ connectionString: urlOf('primary'), statementTimeoutMs: 30_000 });
    await migrate(db);
    await loadDemo(db);
    asPostgres('pg_basebackup', '-h', '127.0.0.1', '-p', String(ports.primary), '-U', 'postgres', '-D', path.join(dir, 'replica'), '-R', '-X', 'stream', '-c', 'fast', '--no-sync');
    startCluster('replica');
    monitor = openPostgres({ connectionString: urlOf('replica') });
    replicaDb = openPostgres({ connectionString: urlOf('replica'), connectTimeoutMs: 3_000 });
    const [standby] = await monitor.query<{ standby: boolean }>('select pg_is_in_recovery() as standby');
    expect(standby?.standby).toBe(true);

    const clientDist = path.join(dir, 'client');
    fs.mkdirSync(clientDist);
    app = createApp({
      db,
      config: { ...readConfig(), rateLimitPerMinute: 1_000_000 },
      clientDist,
      readReplica: { db: replicaDb, retryAfterMs: RETRY_AFTER_MS },
    });
    platform = await serveApp(app, db);
  });

  afterAll(async () => {
    if (!canRun) return;
    await platform?.close();
    if (app) await closeApp(app);
    await Promise.all([replicaDb?.close(), monitor?.close(), db?.close()]);
    for (const cluster of ['replica', 'primary'] as const) {
      try {
        pgCtl(cluster, '-m', 'immediate', 'stop');
      } catch {
        // not running
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  let community: TestCommunity;
  let planner: Browser;
  let gridId: string;
  let stationId: number;

  it('reads tiles and the public finder from the replica, and shows a planner their own edit at once', async () => {
    planner = new Browser();
    const account = await makeAccount(platform, 'planner', '320213');
    expect((await planner.send('POST', '/api/auth/login', { username: account.username, password: account.password })).status).toBe(200);
    community = await makeCommunity(platform);
    const centre = community.at(0.35, 0.35);
    await replicaCaughtUp();

    // Anonymous tiles of the empty community, encoded on the replica (its backends ran them).
    expect(await tileIds('grids', tileOf(centre, 16))).toEqual([]);
    const [tileQueries] = await monitor.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid() and query like '%tile_feature%'",
    );
    expect(tileQueries?.n).toBeGreaterThan(0);

    // From here on the replica lags: nothing written on the primary reaches it.
    await pauseReplay();

    const grid = await planner.send('POST', '/api/grids', gridBody(community));
    expect(grid.status, await grid.clone().text()).toBe(201);
    expect(planner.has('wgdt_wrote')).toBe(true);
    gridId = String(((await grid.json()) as { feature: { id: number } }).feature.id);
    const station = await planner.send('POST', '/api/facilities', stationBody(centre, '副本测试服务站'));
    expect(station.status, await station.clone().text()).toBe(201);
    stationId = ((await station.json()) as { id: number }).id;

    // The planner, who just wrote, reads from the primary: the edit is there at once.
    expect(await tileIds('grids', tileOf(centre, 16), planner.header())).toContain(gridId);
    expect(await tileIds('grids', tileOf(centre, 14), planner.header())).toContain(gridId);
    expect((await nearestIds(centre, planner.header()))[0]).toBe(stationId);
    const found = await planner.send('GET', `/api/search?q=${encodeURIComponent('副本测试服务站')}`);
    expect(((await found.json()) as { results: unknown[] }).results).toHaveLength(1);

    // Everyone else reads from the replica, which does not have it: the cached tile, a tile
    // encoded now, the station index (first read now) and search. The planner's session alone
    // (no recent write) reads there too.
    expect(await tileIds('grids', tileOf(centre, 16))).not.toContain(gridId);
    expect(await tileIds('grids', tileOf(centre, 15))).not.toContain(gridId);
    expect(await tileIds('grids', tileOf(centre, 15), planner.sessionOnly())).not.toContain(gridId);
    expect(await nearestIds(centre)).not.toContain(stationId);
    const notFound = await platform.get(`/api/search?q=${encodeURIComponent('副本测试服务站')}`);
    expect(((await notFound.json()) as { results: unknown[] }).results).toHaveLength(0);

    // Once the replica replays the edit, its own tile cache and station index follow its own
    // change log: nothing read while it lagged stays stale.
    await monitor.query('select pg_wal_replay_resume()');
    const started = Date.now();
    for (;;) {
      const tile16 = await tileIds('grids', tileOf(centre, 16));
      const tile15 = await tileIds('grids', tileOf(centre, 15));
      const nearest = await nearestIds(centre);
      if (tile16.includes(gridId) && tile15.includes(gridId) && nearest[0] === stationId) break;
      expect(Date.now() - started, 'the replica side catches up').toBeLessThan(10_000);
      await sleep(100);
    }
  });

  it('falls back to the primary while the replica is down, and reads from it again once it is back', async () => {
    const centre = community.at(0.35, 0.35);
    const leader = new Browser();
    const account = await makeAccount(platform, 'leader', '320213');
    expect((await leader.send('POST', '/api/auth/login', { username: account.username, password: account.password })).status).toBe(200);
    // Signing in is a write: without this the leader would read from the primary anyway.
    leader.forget('wgdt_wrote');
    // A refused write is none: it sets no cookie.
    expect((await leader.send('POST', '/api/facilities', stationBody(centre, '组长不能建'))).status).toBe(403);
    expect(leader.has('wgdt_wrote')).toBe(false);
    pgCtl('replica', '-m', 'fast', '-w', 'stop');

    // Each read first finds the replica gone (the routing tries it again after RETRY_AFTER_MS).
    const reads: [string, () => Promise<unknown>][] = [
      ['uncached tile', async () => expect(await tileIds('grids', tileOf(centre, 13))).toContain(gridId)],
      ['cached tile', async () => expect(await tileIds('grids', tileOf(centre, 16))).toContain(gridId)],
      ['nearest', async () => expect((await nearestIds(centre))[0]).toBe(stationId)],
      ['locate', async () => expect((await platform.get('/api/locate?lng=120.3012&lat=31.5733')).status).toBe(200)],
      ['search', async () => expect((await platform.get(`/api/search?q=${encodeURIComponent('副本测试服务站')}`)).status).toBe(200)],
      ['ogc', async () => expect((await platform.get('/ogc/collections/grids/items?limit=2')).status).toBe(200)],
      ['coverage', async () => expect((await leader.send('GET', '/api/coverage/summary')).status).toBe(200)],
      ['export', async () => expect((await leader.send('GET', '/api/exports/regions?format=csv')).status).toBe(200)],
    ];
    for (const [, read] of reads) {
      await sleep(RETRY_AFTER_MS + 50);
      await read();
    }
    // The export's audit entry went to the primary as ever.
    const [audit] = await db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'export.regions' and actor = $1", [account.username]);
    expect(audit?.n).toBe(1);

    // The replica returns; after RETRY_AFTER_MS reads go to it again: with its replay paused, a
    // station added on the primary is not in what anonymous readers get.
    startCluster('replica');
    await pauseReplay();
    const planner2 = new Browser();
    const account2 = await makeAccount(platform, 'planner', '320213');
    expect((await planner2.send('POST', '/api/auth/login', { username: account2.username, password: account2.password })).status).toBe(200);
    const elsewhere = community.at(0.9, 0.9);
    const station = await planner2.send('POST', '/api/facilities', stationBody(elsewhere, '副本恢复测试服务站'));
    expect(station.status).toBe(201);
    const secondId = ((await station.json()) as { id: number }).id;
    await sleep(RETRY_AFTER_MS + 50);
    expect((await nearestIds(elsewhere, planner2.header()))[0]).toBe(secondId);
    expect(await nearestIds(elsewhere)).not.toContain(secondId);
    expect(await tileIds('facilities', tileOf(elsewhere, 12))).not.toContain(String(secondId));
    await monitor.query('select pg_wal_replay_resume()');
  });
});
