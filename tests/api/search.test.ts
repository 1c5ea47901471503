import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// GET /api/search against a brute-force reference worked out here from the tables: every public
// station, street, community and current grid whose name contains the text (any case) or whose
// code starts with it, ranked stations → streets and communities → grids, then by name length.
// Within one rank and length the order of names is the database's collation, so those are
// compared as sets where the page ends.

interface Result {
  type: 'facility' | 'street' | 'community' | 'grid';
  id: string;
  code: string | null;
  name: string;
  context: string;
  location: { lng: number; lat: number; crs: string };
}
interface Candidate {
  type: string;
  id: string;
  code: string | null;
  name: string;
  rank: number;
}

let platform: TestPlatform;
let candidates: Candidate[];

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  await platform.db.query(
    `insert into facility (name, kind, geom, public) values
       ('内部社区服务站', 'station', ST_SetSRID(ST_MakePoint(120.3, 31.57), 4326), false),
       ('Sunrise 社区 Hub', 'station', ST_SetSRID(ST_MakePoint(120.301, 31.571), 4326), true)`,
  );
  candidates = await platform.db.query<Candidate>(
    `select 'facility' as type, id::text as id, null::text as code, name, 0 as rank from facility where public
     union all
     select level, code, code, name, 1 from region where level in ('street', 'community')
     union all
     select 'grid', id::text, code, name, 2 from grid where valid_to is null`,
  );
});
afterAll(() => platform.close());

const chars = (s: string) => [...s].length;
const key = (r: { rank: number; name: string }) => `${r.rank}:${chars(r.name)}`;
const rankOf = (type: string) => (type === 'facility' ? 0 : type === 'grid' ? 2 : 1);

function reference(q: string): Candidate[] {
  const lower = q.toLowerCase();
  const digits = /^[0-9]+$/.test(q);
  return candidates
    .filter((c) => c.name.toLowerCase().includes(lower) || (digits && c.code !== null && c.code.startsWith(q)))
    .sort((a, b) => a.rank - b.rank || chars(a.name) - chars(b.name));
}

async function search(q: string, limit?: number): Promise<Result[]> {
  const res = await platform.get(`/api/search?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}`);
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { q: string; results: Result[] };
  expect(body.q).toBe(q);
  return body.results;
}

async function expectRankedAsReference(q: string, limit = 20): Promise<Result[]> {
  const results = await search(q, limit);
  const expected = reference(q);
  expect(results.length, q).toBe(Math.min(limit, expected.length));
  const byId = new Map(expected.map((c) => [`${c.type}/${c.id}`, c]));
  // Every result matches, and the (rank, length) keys follow the reference's order exactly.
  for (const r of results) expect(byId.has(`${r.type}/${r.id}`), `${q}: ${r.type} ${r.name}`).toBe(true);
  expect(results.map((r) => key({ rank: rankOf(r.type), name: r.name }))).toEqual(expected.slice(0, results.length).map(key));
  // Within a key, the same members as the reference wherever the page does not cut the key.
  const lastKey = results.length > 0 ? key({ rank: rankOf(results.at(-1)!.type), name: results.at(-1)!.name }) : null;
  const group = (list: { type: string; id: string; rank?: number; name: string }[], k: string) =>
    list.filter((r) => key({ rank: r.rank ?? rankOf(r.type), name: r.name }) === k).map((r) => `${r.type}/${r.id}`).sort();
  for (const k of new Set(results.map((r) => key({ rank: rankOf(r.type), name: r.name })))) {
    if (k === lastKey && expected.length > results.length) continue;
    expect(group(results, k), `${q} ${k}`).toEqual(group(expected, k));
  }
  return results;
}

describe('GET /api/search ranks as the brute-force reference', () => {
  it.each(['社', '区', '网', '门', '站'])('by one Chinese character: %s', async (q) => {
    const results = await expectRankedAsReference(q);
    expect(results.length).toBeGreaterThan(0);
  });

  it.each(['社区', '网格', '街道', '崇安', '党群'])('by two Chinese characters: %s', async (q) => {
    const results = await expectRankedAsReference(q);
    expect(results.length).toBeGreaterThan(0);
  });

  it.each(['胜利门', '崇安寺', '崇安寺街道党群', '社区第1网格', '党群服务站'])('by three or more characters: %s', async (q) => {
    const results = await expectRankedAsReference(q);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.name.includes(q))).toBe(true);
  });

  it('finds stations, communities and grids by one name, stations first', async () => {
    const results = await expectRankedAsReference('胜利门', 50);
    const types = results.map((r) => r.type);
    expect(types).toContain('facility');
    expect(types).toContain('community');
    expect(types).toContain('grid');
    expect(types.indexOf('community')).toBeGreaterThan(types.lastIndexOf('facility'));
    expect(types.indexOf('grid')).toBeGreaterThan(types.lastIndexOf('community'));
  });

  it.each(['3202', '320213021', '320213021001', '3202130210010', '320213021001001'])('by a code prefix: %s', async (q) => {
    const results = await expectRankedAsReference(q, 50);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) if (r.type !== 'facility') expect(r.code!.startsWith(q) || r.name.includes(q)).toBe(true);
  });

  it('ignores case in Latin letters and never shows a non-public station', async () => {
    const upper = await expectRankedAsReference('SUNRISE');
    expect(upper.map((r) => r.name)).toEqual(['Sunrise 社区 Hub']);
    expect((await search('sunrise')).map((r) => r.name)).toEqual(['Sunrise 社区 Hub']);
    expect((await search('内部社区')).length).toBe(0);
  });

  // Latin letters are also read as pinyin (Zq would find 中桥社区 by its initials): Zxcv is neither
  // a name nor pinyin (no syllable starts with v).
  it('answers a text nothing has with no results', async () => {
    for (const q of ['不', '不存', '不存在的名字', 'Zxcv', '9999']) expect(await search(q)).toEqual([]);
  });

  it('gives a point on each result: the station itself, inside the region or grid', async () => {
    const results = await search('崇安', 50);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const table = r.type === 'facility' ? 'facility' : r.type === 'grid' ? 'grid' : 'region';
      const column = r.type === 'street' || r.type === 'community' ? 'code' : 'id';
      const [row] = await platform.db.query<{ inside: boolean }>(
        `select ST_DWithin(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326), 1e-7) as inside from ${table} where ${column}::text = $3`,
        [r.location.lng, r.location.lat, r.id],
      );
      expect(row?.inside, `${r.type} ${r.name}`).toBe(true);
      expect(r.context).toBeTypeOf('string');
    }
  });
});

describe('GET /api/search by pinyin: full pinyin or initials', () => {
  const names = async (q: string) => (await search(q, 50)).map((r) => `${r.type} ${r.name}`);

  it.each(['shenglimen', 'slm', 'ShengLiMen', 'sheng li men', 'SLM'])('finds 胜利门社区, its station and its grids: %s', async (q) => {
    const found = await names(q);
    expect(found).toContain('community 胜利门社区');
    expect(found).toContain('facility 胜利门社区党群服务站');
    expect(found).toContain('grid 胜利门社区第1网格');
    expect(found.filter((n) => n.startsWith('grid 胜利门社区第')).length).toBeGreaterThanOrEqual(8);
  });

  it('ranks pinyin results as name results: stations, then communities, then grids, shorter names first', async () => {
    const results = await search('shenglimen', 50);
    const ranks = results.map((r) => rankOf(r.type));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (let i = 1; i < results.length; i++) {
      if (ranks[i] === ranks[i - 1]) expect(chars(results[i]!.name)).toBeGreaterThanOrEqual(chars(results[i - 1]!.name));
    }
  });

  it('matches whole pinyin and initials, not letters scattered over a name', async () => {
    expect(await names('shenglimenshequdi1wangge')).toEqual(['grid 胜利门社区第1网格']);
    expect(await names('slmsqd1wg')).toEqual(['grid 胜利门社区第1网格']);
    expect(await names('smlq')).toEqual([]);
  });

  it('finds a station added through the API by its name and address in pinyin, and follows a rename', async () => {
    const admin = await makeAccount(platform, 'admin', '320213');
    const cookie = await signIn(platform, admin);
    const station = (name: string) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [120.30123, 31.57321] },
      properties: { name, kind: 'station', address: '翠柏弄 8 号', phone: '0510-01234567', services: ['便民服务'], public: true },
    });
    const created = await send(platform, 'POST', '/api/facilities', cookie, station('凤翔楼便民服务站'));
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: number };

    expect(await names('fengxianglou')).toEqual(['facility 凤翔楼便民服务站']);
    expect(await names('fxlbmfwz')).toEqual(['facility 凤翔楼便民服务站']);
    expect(await names('cuibainong')).toEqual(['facility 凤翔楼便民服务站']);
    expect(await names('凤翔楼')).toEqual(['facility 凤翔楼便民服务站']);

    const renamed = await send(platform, 'PUT', `/api/facilities/${id}`, cookie, station('鹤鸣轩便民服务站'));
    expect(renamed.status, await renamed.clone().text()).toBe(200);
    expect(await names('hemingxuan')).toEqual(['facility 鹤鸣轩便民服务站']);
    expect(await names('fengxianglou')).toEqual([]);
  });

  it('follows a renamed grid and never shows a retired one', async () => {
    const [grid] = await platform.db.query<{ id: number }>(
      `update grid set name = '雁栖湖试点网格' where id = (select min(id) from grid where valid_to is null) returning id`,
    );
    expect(await names('yanqihu')).toEqual(['grid 雁栖湖试点网格']);
    await platform.db.query('update grid set valid_to = now() where id = $1', [grid!.id]);
    expect(await names('yanqihu')).toEqual([]);
  });

  it('still finds by Chinese text, and answers other characters with no results', async () => {
    expect(await names('胜利门社区')).toContain('community 胜利门社区');
    expect(await search('slm!')).toEqual([]);
  });
});
