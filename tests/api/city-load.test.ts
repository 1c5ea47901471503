// `npm run generate-city`'s loader on a small sample (the first street of 梁溪区 and 新吴区) into
// a fresh database on a real PostgreSQL (COPY needs one, so this runs only with
// TEST_DATABASE_URL): counts, every member inside the grid it is loaded with, grid versions,
// the city region, and a leader scoped to the whole city reading coverage over HTTP.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCityAccounts } from '../../scripts/city/accounts.ts';
import { openPgGeoDb } from '../../scripts/city/engine.ts';
import { loadCity, type LoadCounts } from '../../scripts/city/load.ts';
import { planCity, sizesOf, type CitySizes } from '../../scripts/city/model.ts';
import { createApp } from '../../server/src/app.ts';
import { readConfig } from '../../server/src/config.ts';
import type { Database } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { openPostgres } from '../../server/src/db/postgres-driver.ts';
import { adminQuery, databaseUrlFor } from '../support/database-template.ts';

const adminUrl = readConfig().testDatabaseUrl;
// Not wgdt_test_*: a test run ending elsewhere drops those as leftovers, even while in use.
const name = `wgdt_city_test_${process.pid}`;
let db: Database;
let client: pg.Client;
let counts: LoadCounts;
let sizes: CitySizes;
let accountLines: string[];
let server: Server | undefined;
let url = '';
let dataDir = '';

describe.skipIf(!adminUrl)('generate-city loader on a real PostgreSQL', () => {
  beforeAll(async () => {
    const admin = adminUrl as string;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-city-'));
    await adminQuery(admin, `drop database if exists ${name} with (force)`);
    await adminQuery(admin, `create database ${name}`);
    const dbUrl = databaseUrlFor(admin, name);
    db = openPostgres({ connectionString: dbUrl, statementTimeoutMs: 0 });
    await migrate(db);
    const geo = await openPgGeoDb(dbUrl);
    try {
      const run = await planCity(geo, { districts: ['320213', '320214'], streets: (codes) => codes.slice(0, 1), memberTotal: 5_000 });
      sizes = sizesOf(run.model);
      client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      counts = await loadCity(client, run, () => undefined);
      const { file } = await createCityAccounts(db, run.model, dataDir);
      accountLines = fs.readFileSync(file, 'utf8').trim().split('\n');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await geo.close();
    }
    const s = createApp({ db, config: { ...readConfig(), rateLimitPerMinute: 100_000 }, clientDist: dataDir }).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => s.once('listening', () => resolve()));
    server = s;
    url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    if (server) {
      const s = server;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    }
    await client?.end();
    await db?.close();
    if (adminUrl) await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const scalar = async (sql: string): Promise<number> => Number((await client.query<{ n: string | number }>(sql)).rows[0]?.n);

  it('loads what was planned', async () => {
    expect(counts.grids).toBe(sizes.grids);
    expect(counts.gridVersions).toBe(sizes.grids);
    expect(counts.members).toBe(5_000);
    expect(counts.facilities).toBe(sizes.facilities);
    expect(counts.partyOrgs).toBe(sizes.partyOrgs);
    expect(await scalar(`select count(*) n from member`)).toBe(5_000);
    expect(await scalar(`select count(*) n from grid_version where version = 1 and change_kind = 'import'`)).toBe(sizes.grids);
  });

  it('has the city above its districts', async () => {
    const { rows } = await client.query<{ code: string; name: string; level: string; parent_code: string | null }>(
      `select code, name, level, parent_code from region where level in ('city', 'district') order by code`,
    );
    expect(rows).toEqual([
      { code: '3202', name: '无锡市', level: 'city', parent_code: null },
      { code: '320213', name: '梁溪区', level: 'district', parent_code: '3202' },
      { code: '320214', name: '新吴区', level: 'district', parent_code: '3202' },
    ]);
    expect(await scalar(`select ST_Area(ST_SymDifference(c.geom, (select ST_Union(geom) from region where level = 'district'))::geography) n from region c where level = 'city'`)).toBeLessThan(1);
  });

  it('puts every member and facility in the grid that contains it, and grids tile their communities', async () => {
    expect(await scalar(`select count(*) n from member m where not exists (select 1 from grid g where g.id = m.grid_id and ST_Intersects(g.geom, m.home))`)).toBe(0);
    expect(await scalar(`select count(*) n from member where org_id is null`)).toBe(0);
    expect(await scalar(`select count(*) n from facility f where not exists (select 1 from grid g where g.id = f.grid_id and ST_Intersects(g.geom, f.geom))`)).toBe(0);
    expect(
      await scalar(`select coalesce(max(ST_Area(ST_SymDifference(u.geom, c.geom)::geography)), 0) n
                    from (select community_code, ST_Union(geom) geom from grid group by community_code) u join region c on c.code = u.community_code`),
    ).toBeLessThan(1);
    // Identity columns continue after the explicit ids.
    await client.query('begin');
    const next = await scalar(`insert into party_org (name, kind) values ('x', 'group') returning id as n`);
    await client.query('rollback');
    expect(next).toBeGreaterThan(sizes.partyOrgs);
  });

  it('writes the demo accounts, and a leader of the whole city reads coverage of both districts', async () => {
    const accounts = accountLines.map((l) => l.split('\t'));
    expect(accounts.map(([role, username, , region]) => [role, username, region])).toEqual([
      ['admin', 'admin', '3202'],
      ['leader', 'leader_city', '3202'],
      ['leader', 'leader', '320213'],
      ['leader', 'leader_street', '320213021'],
      ['planner', 'planner_city', '3202'],
      ['planner', 'planner', '320213'],
      ['planner', 'planner_community', '320213021001'],
    ]);
    const leaderCity = accounts.find((a) => a[1] === 'leader_city') as string[];
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ username: leaderCity[1], password: leaderCity[2] }),
    });
    expect(login.status, await login.clone().text()).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const res = await fetch(`${url}/api/coverage/summary`, { headers: { cookie } });
    expect(res.status, await res.clone().text()).toBe(200);
    const summary = (await res.json()) as { grids: number; members: number };
    expect(summary.grids).toBe(sizes.grids);
    expect(summary.members).toBe(5_000);
  });
});
