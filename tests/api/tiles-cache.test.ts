import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Polygon } from 'geojson';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { createAccount } from '../../server/src/accounts/accounts.ts';
import { closeApp, createApp } from '../../server/src/app.ts';
import { readConfig } from '../../server/src/config.ts';
import { DatabaseUnavailableError, type Database } from '../../server/src/db/database.ts';
import { openPostgres } from '../../server/src/db/postgres-driver.ts';
import { encodeTile, type TileLayer } from '../../server/src/tiles/routes.ts';
import { TILE_CHANGE_POLL_MARK } from '../../server/src/tiles/tile-changes.ts';
import type { TileServiceOptions } from '../../server/src/tiles/tile-service.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { adminQuery, databaseUrlFor } from '../support/database-template.ts';
import { makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { serveApp, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// The server-side tile cache: a repeated tile costs no query, an edit reaches exactly the tiles
// it touches at once in the process that made it and through the database's change log in every
// other process, and low zooms read generalised shapes without losing a feature.

type Tile = [number, number, number];

function tileOf(lng: number, lat: number, z: number): Tile {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [z, x, y];
}

interface TileResponse {
  status: number;
  etag: string;
  encoding: string | undefined;
  body: Buffer;
}

// node:http, since fetch turns a conditional request into a no-cache one and decodes gzip itself.
function fetchTile(base: string, layer: TileLayer, [z, x, y]: Tile, headers: Record<string, string> = {}): Promise<TileResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}/tiles/${layer}/${z}/${x}/${y}.mvt`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            etag: String(res.headers.etag),
            encoding: res.headers['content-encoding'],
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on('error', reject);
  });
}

interface Decoded {
  ids: string[];
  /** Each feature's extent in tile units: [minX, minY, maxX, maxY]. */
  extents: Map<string, [number, number, number, number]>;
}

function decode(bytes: Uint8Array, layer: string): Decoded {
  const extents = new Map<string, [number, number, number, number]>();
  if (bytes.length > 0) {
    const l = new VectorTile(new PbfReader(bytes)).layers[layer];
    for (let i = 0; l && i < l.length; i++) {
      const f = l.feature(i);
      extents.set(String(f.properties['id']), f.bbox() as [number, number, number, number]);
    }
  }
  return { ids: [...extents.keys()].sort(), extents };
}

/** A Database that counts the queries made through it, except the change log reads (marked). */
function countingDatabase(db: Database): Database & { count: () => number; polls: () => number; setDown: (down: boolean) => void } {
  let queries = 0;
  let polls = 0;
  let down = false;
  const check = (sql: string) => {
    if (sql.trimStart().startsWith(TILE_CHANGE_POLL_MARK)) polls++;
    else queries++;
    if (down) throw new DatabaseUnavailableError('test: database down');
  };
  return {
    driver: db.driver,
    query: async (sql, params) => {
      check(sql);
      return db.query(sql, params);
    },
    exec: async (sql) => {
      check(sql);
      return db.exec(sql);
    },
    transaction: (fn) => db.transaction(fn),
    exclusively: (fn) => db.exclusively(fn),
    hasMvtSupport: () => db.hasMvtSupport(),
    close: () => db.close(),
    count: () => queries,
    polls: () => polls,
    setDown: (d) => void (down = d),
  };
}

interface App {
  url: string;
  close(): Promise<void>;
}

/** One more API process on a database: its own app (and tile cache) on a free port. */
async function startApp(db: Database, tiles: Partial<TileServiceOptions> = {}): Promise<App> {
  const clientDist = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-no-client-'));
  const app = createApp({ db, config: { ...readConfig(), rateLimitPerMinute: 100_000 }, clientDist, tiles });
  const served = await serveApp(app, db);
  return {
    url: served.url,
    async close() {
      await served.close();
      await closeApp(app);
      fs.rmSync(clientDist, { recursive: true, force: true });
    },
  };
}

function gridBody(c: TestCommunity, geometry: Polygon) {
  return { type: 'Feature', geometry, properties: { name: '缓存测试网格', communityCode: c.code, households: 400, population: 1000 }, note: '瓦片缓存测试' };
}

let platform: TestPlatform;
let planner: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
});
afterAll(() => platform.close());

describe('tile cache in one process', () => {
  it('serves an edited grid at once with a new ETag and shape, keeps untouched tiles, and answers 304 from the cache', async () => {
    const c = await makeCommunity(platform);
    const created = await send(platform, 'POST', '/api/grids', planner, gridBody(c, c.rect(0.1, 0.1, 0.4, 0.4)));
    expect(created.status, await created.clone().text()).toBe(201);
    const grid = ((await created.json()) as { feature: { id: number; properties: { version: number } } }).feature;
    const id = String(grid.id);

    // The community's centre at z16 (holds the grid) and z12; a demo district tile far away.
    const [lng, lat] = c.at(0.25, 0.25);
    const near16 = tileOf(lng, lat, 16);
    const near12 = tileOf(lng, lat, 12);
    const far = tileOf(120.25, 31.62, 16);
    const before16 = await fetchTile(platform.url, 'grids', near16);
    const before12 = await fetchTile(platform.url, 'grids', near12);
    const beforeFar = await fetchTile(platform.url, 'grids', far);
    expect(decode(before16.body, 'grids').ids).toContain(id);
    expect(decode(before12.body, 'grids').ids).toContain(id);
    expect(decode(beforeFar.body, 'grids').ids.length).toBeGreaterThan(0);
    // Cached now: a conditional request is answered 304.
    expect((await fetchTile(platform.url, 'grids', near16, { 'if-none-match': before16.etag })).status).toBe(304);

    // The planner reshapes the grid: twice as wide.
    const edit = await send(platform, 'PUT', `/api/grids/${id}`, planner, {
      ...gridBody(c, c.rect(0.1, 0.1, 0.7, 0.4)),
      properties: { ...gridBody(c, c.rect(0.1, 0.1, 0.7, 0.4)).properties, version: grid.properties.version },
    });
    expect(edit.status, await edit.clone().text()).toBe(200);

    // Right away (no waiting for the background poll): new content in the edited area.
    for (const [tile, before] of [
      [near16, before16],
      [near12, before12],
    ] as const) {
      expect((await fetchTile(platform.url, 'grids', tile, { 'if-none-match': before.etag })).status).toBe(200);
      const after = await fetchTile(platform.url, 'grids', tile);
      expect(after.etag).not.toBe(before.etag);
      const [, , oldMaxX] = decode(before.body, 'grids').extents.get(id)!;
      const [, , newMaxX] = decode(after.body, 'grids').extents.get(id)!;
      expect(newMaxX).toBeGreaterThan(oldMaxX);
      // The new tile is cached in turn.
      expect((await fetchTile(platform.url, 'grids', tile, { 'if-none-match': after.etag })).status).toBe(304);
    }
    // Far away nothing changed: same ETag, still 304.
    expect((await fetchTile(platform.url, 'grids', far, { 'if-none-match': beforeFar.etag })).status).toBe(304);
    expect((await fetchTile(platform.url, 'grids', far)).etag).toBe(beforeFar.etag);
  });

  it('keeps the ETag of a tile whose content an edit did not change', async () => {
    const c = await makeCommunity(platform);
    const created = await send(platform, 'POST', '/api/grids', planner, gridBody(c, c.rect(0.5, 0.5, 0.9, 0.9)));
    expect(created.status).toBe(201);
    const grid = ((await created.json()) as { feature: { id: number; properties: { version: number } } }).feature;
    const tile = tileOf(...c.at(0.7, 0.7), 15);
    const before = await fetchTile(platform.url, 'grids', tile);
    // Households are not in the tile: a new version of the grid, the same tile.
    const edit = await send(platform, 'PUT', `/api/grids/${grid.id}`, planner, {
      type: 'Feature',
      geometry: null,
      properties: { name: '缓存测试网格', households: 999, population: 1000, version: grid.properties.version },
      note: '只改户数',
    });
    expect(edit.status, await edit.clone().text()).toBe(200);
    expect((await fetchTile(platform.url, 'grids', tile, { 'if-none-match': before.etag })).status).toBe(304);
  });

  it('answers a cached tile, and its 304, without a query', async () => {
    const db = countingDatabase(platform.db);
    const app = await startApp(db);
    try {
      const tile = tileOf(120.3, 31.575, 14);
      for (const layer of ['grids', 'regions', 'facilities'] as const) {
        const first = await fetchTile(app.url, layer, tile);
        expect(first.status).toBe(200);
        const afterMiss = db.count();
        expect(afterMiss).toBeGreaterThan(0);
        const again = await fetchTile(app.url, layer, tile);
        expect(again.etag).toBe(first.etag);
        expect(again.body.equals(first.body)).toBe(true);
        expect((await fetchTile(app.url, layer, tile, { 'if-none-match': first.etag })).status).toBe(304);
        expect((await fetchTile(app.url, layer, tile, { 'accept-encoding': 'gzip' })).status).toBe(200);
        expect(db.count()).toBe(afterMiss);
      }
    } finally {
      await app.close();
    }
  });

  it('answers a tile without features 204 with no body, caches it and answers its 304 without a query', async () => {
    const db = countingDatabase(platform.db);
    const app = await startApp(db);
    try {
      const empty = tileOf(100.5, 20.5, 14);
      for (const layer of ['grids', 'regions', 'facilities'] as const) {
        const first = await fetchTile(app.url, layer, empty, { 'accept-encoding': 'gzip' });
        expect(first.status).toBe(204);
        expect(first.body.length).toBe(0);
        expect(first.encoding).toBeUndefined();
        expect(first.etag).toMatch(/^".+"$/);
        const afterMiss = db.count();
        expect(afterMiss).toBeGreaterThan(0);
        const again = await fetchTile(app.url, layer, empty);
        expect([again.status, again.etag]).toEqual([204, first.etag]);
        expect((await fetchTile(app.url, layer, empty, { 'if-none-match': first.etag })).status).toBe(304);
        expect(db.count()).toBe(afterMiss);
      }
    } finally {
      await app.close();
    }
  });

  it('sends tiles gzipped to clients that accept it, and the same tile plain to those that do not', async () => {
    const tile = tileOf(120.3, 31.575, 13);
    const plain = await fetchTile(platform.url, 'grids', tile);
    const zipped = await fetchTile(platform.url, 'grids', tile, { 'accept-encoding': 'gzip, deflate, br' });
    expect(plain.encoding).toBeUndefined();
    expect(zipped.encoding).toBe('gzip');
    expect(zipped.etag).toBe(plain.etag);
    expect(zlib.gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.body.length).toBeLessThan(plain.body.length);
  });

  it('compresses JSON answers', async () => {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${platform.url}/api/regions?level=community`, { headers: { 'accept-encoding': 'gzip' } }, resolve).on('error', reject);
    });
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const json = JSON.parse(zlib.gunzipSync(Buffer.concat(chunks)).toString('utf8')) as { features: unknown[] };
    expect(json.features.length).toBeGreaterThan(100);
  });

  it('keeps serving and catches up when the database was unreachable for a while', async () => {
    const db = countingDatabase(platform.db);
    const logged: string[] = [];
    const app = await startApp(db, { pollMs: 20, log: (m) => logged.push(m) });
    try {
      const tile = tileOf(120.3, 31.575, 12);
      const first = await fetchTile(app.url, 'regions', tile);
      expect(first.status).toBe(200);
      const [district] = await platform.db.query<{ name: string }>("select name from region where code = '320213'");
      db.setDown(true);
      try {
        // The district is renamed (by another process, say) while this one cannot reach the database.
        await platform.db.query("update region set name = name || '（测试）' where code = '320213'");
        // A tile that needs the database answers 503; the background reads fail and are logged.
        expect((await fetchTile(app.url, 'regions', tileOf(120.3, 31.575, 11))).status).toBe(503);
        await expect.poll(() => logged.some((m) => m.includes('cannot read the tile change log')), { timeout: 10_000 }).toBe(true);
        db.setDown(false);
        // Once the log can be read again the cached tile gives way to the renamed district.
        await expect.poll(async () => (await fetchTile(app.url, 'regions', tile)).etag, { timeout: 10_000 }).not.toBe(first.etag);
      } finally {
        db.setDown(false);
        await platform.db.query("update region set name = $1 where code = '320213'", [district!.name]);
      }
    } finally {
      await app.close();
    }
  });
});

describe('tile cache across processes', () => {
  // Two API processes (own pools, own caches) on one PostgreSQL database; the embedded database
  // belongs to one process, so these run on a real server only.
  const template = inject('databaseTemplate');
  const onServer = template.driver === 'postgres';
  const name = `wgdt_test_tiles_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let url: string;
  let dbA: Database;
  let dbB: Database;
  let a: App;
  let b: App;

  beforeAll(async () => {
    if (template.driver !== 'postgres') return;
    await adminQuery(template.adminUrl, `create database ${name} template ${template.templateName}`);
    url = databaseUrlFor(template.adminUrl, name);
    dbA = openPostgres({ connectionString: url });
    dbB = openPostgres({ connectionString: url });
    a = await startApp(dbA);
    b = await startApp(dbB);
  });
  afterAll(async () => {
    if (template.driver !== 'postgres') return;
    await a?.close();
    await b?.close();
    await dbA?.close();
    await dbB?.close();
    await adminQuery(template.adminUrl, `drop database if exists ${name} with (force)`);
  });

  function namesIn(body: Buffer): Map<string, unknown> {
    const l = new VectorTile(new PbfReader(body)).layers['grids']!;
    return new Map(Array.from({ length: l.length }, (_, i) => [String(l.feature(i).properties['id']), l.feature(i).properties['name']]));
  }

  it.runIf(onServer)('serves in process B an edit made through process A, through the database change log', async () => {
    const tile = tileOf(120.3, 31.575, 16);
    const cachedInB = await fetchTile(b.url, 'grids', tile);
    const id = decode(cachedInB.body, 'grids').ids[0]!;
    expect((await fetchTile(b.url, 'grids', tile, { 'if-none-match': cachedInB.etag })).status).toBe(304);

    // A planner signs in and renames the grid through A (sessions live in the database).
    const username = `t_planner_${Math.random().toString(36).slice(2, 8)}`;
    const { password } = await createAccount(dbA, { username, displayName: '测试', role: 'planner', regionCode: '320213' });
    const login = await fetch(`${a.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const [g] = await dbA.query<{ version: number }>('select version from grid where id = $1', [Number(id)]);
    const edit = await fetch(`${a.url}/api/grids/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ type: 'Feature', geometry: null, properties: { name: '另一进程改的名', version: g!.version }, note: '跨进程' }),
    });
    expect(edit.status, await edit.clone().text()).toBe(200);
    // A sees its own edit at once.
    expect(namesIn((await fetchTile(a.url, 'grids', tile)).body).get(id)).toBe('另一进程改的名');

    // B made no write: it learns of the edit from the change log within a few polls.
    await expect.poll(async () => (await fetchTile(b.url, 'grids', tile)).etag, { timeout: 5_000, interval: 100 }).not.toBe(cachedInB.etag);
    expect(namesIn((await fetchTile(b.url, 'grids', tile)).body).get(id)).toBe('另一进程改的名');
  });

  it.runIf(onServer)('does not miss a change whose transaction commits after a later one was read', async () => {
    const early = tileOf(120.28, 31.58, 16);
    const late = tileOf(120.32, 31.56, 16);
    const before = { early: await fetchTile(b.url, 'grids', early), late: await fetchTile(b.url, 'grids', late) };
    const earlyId = decode(before.early.body, 'grids').ids[0]!;
    const lateId = decode(before.late.body, 'grids').ids[0]!;
    expect(earlyId).toBeDefined();
    expect(lateId).toBeDefined();

    // A long transaction writes its change (and its change log row) first but commits last.
    const { default: pg } = await import('pg');
    const slow = new pg.Client({ connectionString: url });
    await slow.connect();
    try {
      await slow.query('begin');
      await slow.query("update grid set name = '迟提交' where id = $1", [Number(lateId)]);
      await dbA.query("update grid set name = '先提交' where id = $1", [Number(earlyId)]);
      await expect.poll(async () => namesIn((await fetchTile(b.url, 'grids', early)).body).get(earlyId), { timeout: 5_000, interval: 100 }).toBe('先提交');
      // B has read past the late transaction's change log row while it was invisible.
      expect(namesIn((await fetchTile(b.url, 'grids', late)).body).get(lateId)).not.toBe('迟提交');
      await slow.query('commit');
    } finally {
      await slow.end();
    }
    await expect.poll(async () => namesIn((await fetchTile(b.url, 'grids', late)).body).get(lateId), { timeout: 5_000, interval: 100 }).toBe('迟提交');
  });
});

describe('generalised low zooms', () => {
  // City and district zooms read shapes simplified in advance; no grid or region may go missing.
  const CENTRE: [number, number] = [120.3, 31.575];
  const ZOOMS = [6, 8, 10, 11, 12, 13];

  it.each(['grids', 'regions'] as const)('%s tiles hold every feature the full-detail tile holds', async (layer) => {
    const encoders = (await platform.db.hasMvtSupport()) ? (['postgis', 'node'] as const) : (['node'] as const);
    for (const z of ZOOMS) {
      const centre = tileOf(...CENTRE, z);
      for (const tile of [centre, [z, centre[1] + 1, centre[2]] as Tile]) {
        const served = decode((await fetchTile(platform.url, layer, tile)).body, layer).ids;
        for (const encoder of encoders) {
          const full = decode(await encodeTile(platform.db, encoder, layer, ...tile, { band: 0 }), layer).ids;
          const generalised = decode(await encodeTile(platform.db, encoder, layer, ...tile), layer).ids;
          if (tile === centre) expect(full.length).toBeGreaterThan(0);
          expect(generalised, `${layer} ${tile.join('/')} ${encoder}`).toEqual(expect.arrayContaining(full));
          // The served tile is the platform's own encoder's (the first one).
          if (encoder === encoders[0]) expect(served, `served ${layer} ${tile.join('/')}`).toEqual(expect.arrayContaining(full));
        }
      }
    }
  });

  it('reads fewer vertices at low zooms than at full detail', async () => {
    const [row] = await platform.db.query<{ full: number; z7: number }>(
      `select sum(ST_NPoints(geom)) filter (where band = 0) as full, sum(ST_NPoints(geom)) filter (where band = 3) as z7
       from tile_feature where layer = 'regions'`,
    );
    expect(Number(row!.z7)).toBeLessThan(Number(row!.full));
  });
});

describe('opening and closing many apps', () => {
  it('stops following the change log when an app closes', async () => {
    const db = countingDatabase(platform.db);
    const logged: string[] = [];
    const app = await startApp(db, { pollMs: 10, log: (m) => logged.push(m) });
    expect((await fetchTile(app.url, 'facilities', tileOf(120.3, 31.575, 14))).status).toBe(200);
    await expect.poll(() => db.polls(), { timeout: 10_000 }).toBeGreaterThan(2);
    await app.close();
    // Closed: no background read runs (or fails) any more.
    const polls = db.polls();
    db.setDown(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(db.polls()).toBe(polls);
    expect(logged).toEqual([]);
  });
});
