import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import type { CoverageBalance, CoverageBalanceGrid } from '../../server/src/contract/coverage.ts';
import type { CoverageReport } from '../../server/src/contract/grids.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { addBuildings } from '../support/test-buildings.ts';
import { makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// 网格规模 for leaders: each grid's households against its community's target (300–500 unless a
// region sets one), its deviation from the community's even share, and the grids out of range in
// the planners' coverage check.

let platform: TestPlatform;
let planner: string;
let leader: string;
let otherStreetLeader: string;
let built: TestCommunity;
let typed: TestCommunity;
const ids = new Map<string, number>();

async function json<T>(method: 'GET' | 'POST', path: string, cookie: string, body?: unknown): Promise<T> {
  const res = await send(platform, method, path, cookie, body);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

async function createGrid(c: TestCommunity, name: string, geometry: Polygon, households: number): Promise<number> {
  const answer = await json<{ feature: { properties: { id: number } } }>('POST', '/api/grids', planner, {
    type: 'Feature',
    geometry,
    properties: { name, communityCode: c.code, households, population: households * 2 },
    note: '网格规模测试',
  });
  ids.set(name, answer.feature.properties.id);
  return answer.feature.properties.id;
}

const balance = (region: string, cookie = leader) => json<CoverageBalance>('GET', `/api/coverage/balance?region=${region}`, cookie);
const byName = (grids: CoverageBalanceGrid[]) => new Map(grids.map((g) => [g.name, g]));

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
  built = await makeCommunity(platform);
  typed = await makeCommunity(platform);
  leader = await signIn(platform, await makeAccount(platform, 'leader', built.code.slice(0, 9)));
  otherStreetLeader = await signIn(platform, await makeAccount(platform, 'leader', '320213021'));
  // Four strips; the buildings give 600, 200, 400 and 400 households (the typed 999s are replaced).
  await createGrid(built, '甲网格', built.rect(0, 0, 0.25, 1), 999);
  await createGrid(built, '乙网格', built.rect(0.25, 0, 0.5, 1), 999);
  await createGrid(built, '丙网格', built.rect(0.5, 0, 0.75, 1), 999);
  await createGrid(built, '丁网格', built.rect(0.75, 0, 1, 1), 999);
  await addBuildings(platform, built, [
    { at: [0.1, 0.3], households: 300 },
    { at: [0.1, 0.7], households: 300 },
    { at: [0.4, 0.5], households: 200 },
    { at: [0.6, 0.5], households: 400 },
    { at: [0.9, 0.2], households: 150 },
    { at: [0.9, 0.8], households: 250 },
  ]);
  // A community without buildings keeps its typed figures (估算).
  await createGrid(typed, '估算甲', typed.rect(0, 0, 0.5, 1), 120);
  await createGrid(typed, '估算乙', typed.rect(0.5, 0, 1, 1), 480);
});
afterAll(() => platform.close());

describe('GET /api/coverage/balance', () => {
  it('gives each grid its households, the target, its range and its deviation from the even share', async () => {
    const answer = await balance(built.code);
    expect(answer.region).toBe(built.code);
    expect(answer.grids.map((g) => g.name)).toEqual(['甲网格', '乙网格', '丙网格', '丁网格']);
    const grids = byName(answer.grids);
    // Even share: 1600 households / 4 grids = 400.
    expect(grids.get('甲网格')).toMatchObject({ id: ids.get('甲网格'), households: 600, householdsSource: 'buildings', min: 300, max: 500, range: 'above', deviation: 0.5, communityCode: built.code });
    expect(grids.get('乙网格')).toMatchObject({ households: 200, range: 'below', deviation: -0.5 });
    expect(grids.get('丙网格')).toMatchObject({ households: 400, range: 'within', deviation: 0 });
    expect(grids.get('丁网格')).toMatchObject({ households: 400, range: 'within', deviation: 0 });
    expect(Object.keys(grids.get('甲网格')!).sort()).toEqual(
      ['code', 'communityCode', 'deviation', 'households', 'householdsSource', 'id', 'max', 'min', 'name', 'population', 'range'].sort(),
    );
  });

  it('marks typed households as estimates, and a street answers for all its communities', async () => {
    const street = built.code.slice(0, 9);
    expect(typed.code.slice(0, 9)).not.toBe(street); // each test community has a street of its own
    const grids = byName((await balance(typed.code, planner)).grids);
    expect(grids.get('估算甲')).toMatchObject({ households: 120, householdsSource: 'estimate', range: 'below', deviation: -0.6 });
    expect(grids.get('估算乙')).toMatchObject({ households: 480, householdsSource: 'estimate', range: 'within', deviation: 0.6 });
    const all = await balance('320213', planner);
    const names = new Set(all.grids.map((g) => g.name));
    for (const n of ['甲网格', '乙网格', '估算甲', '估算乙']) expect(names.has(n), n).toBe(true);
  });

  it('uses the target a street sets for its communities', async () => {
    const street = built.code.slice(0, 9);
    await platform.db.query(`insert into grid_size_target (region_code, households_min, households_max, max_deviation) values ($1, 150, 650, 0.6)`, [street]);
    try {
      const grids = (await balance(built.code)).grids;
      expect(grids.every((g) => g.min === 150 && g.max === 650 && g.range === 'within')).toBe(true);
    } finally {
      await platform.db.query('delete from grid_size_target where region_code = $1', [street]);
    }
  });

  it('keeps to the caller’s scope', async () => {
    const refused = await send(platform, 'GET', `/api/coverage/balance?region=${built.code}`, otherStreetLeader);
    expect(refused.status).toBe(403);
    const own = await balance('320213021', otherStreetLeader);
    expect(own.grids.length).toBeGreaterThan(0);
    expect(own.grids.some((g) => g.communityCode === built.code || g.communityCode === typed.code)).toBe(false);
    expect((await send(platform, 'GET', `/api/coverage/balance?region=${built.code}`)).status).toBe(401);
    expect((await send(platform, 'GET', '/api/coverage/balance?region=32x', leader)).status).toBe(400);
  });
});

describe('GET /api/communities/:code/coverage-check', () => {
  it('lists the grids out of range with the target', async () => {
    const report = await json<CoverageReport>('GET', `/api/communities/${built.code}/coverage-check`, planner);
    expect(report.target).toMatchObject({ min: 300, max: 500, maxDeviation: 0.25, from: 'default' });
    expect(report.outOfRange).toEqual([
      { id: ids.get('甲网格'), code: expect.any(String), name: '甲网格', households: 600, range: 'above' },
      { id: ids.get('乙网格'), code: expect.any(String), name: '乙网格', households: 200, range: 'below' },
    ]);
    expect(report.gridCount).toBe(4);
  });

  it('lists none when every grid is within the community’s target', async () => {
    await platform.db.query(`insert into grid_size_target (region_code, households_min, households_max, max_deviation) values ($1, 100, 600, 0.5)`, [built.code]);
    try {
      const report = await json<CoverageReport>('GET', `/api/communities/${built.code}/coverage-check`, leader);
      expect(report.outOfRange).toEqual([]);
      expect(report.target).toMatchObject({ min: 100, max: 600, maxDeviation: 0.5, from: built.code });
    } finally {
      await platform.db.query('delete from grid_size_target where region_code = $1', [built.code]);
    }
  });
});
