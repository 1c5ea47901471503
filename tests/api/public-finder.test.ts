import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import gcoord from 'gcoord';
import { Geodesic } from 'geographiclib-geodesic';
import type { Feature, MultiPolygon } from 'geojson';
import opening_hours from 'opening_hours';
import fs from 'node:fs';
import os from 'node:os';
import { openingHoursCacheSize, openNow, openState } from '../../server/src/nearest/open-now.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { serveApp, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { closeApp, createApp } from '../../server/src/app.ts';
import { readConfig } from '../../server/src/config.ts';

const REFERENCE_NEAREST = fs.readFileSync(new URL('../support/reference-nearest.sql', import.meta.url), 'utf8');

interface NearestBody {
  origin: { lng: number; lat: number; crs: string; wgs84: { lng: number; lat: number } };
  walking: { speedMetersPerMinute: number; detourFactor: number };
  results: {
    facility: { id: number; name: string; kind: string; location: { lng: number; lat: number; crs: string }; locationWgs84: { lng: number; lat: number } };
    distanceMeters: number;
    walkMinutes: number;
    openNow: boolean | null;
    openState: 'open' | 'closingSoon' | 'closed' | null;
    closesAt: string | null;
  }[];
}

let platform: TestPlatform;
let publicFacilities: { id: number; kind: string; lng: number; lat: number }[];

// A seeded generator, so a failing point can be reproduced.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function geodesic(lng1: number, lat1: number, lng2: number, lat2: number): number {
  return Geodesic.WGS84.Inverse(lat1, lng1, lat2, lng2).s12!;
}

async function nearest(query: string): Promise<NearestBody> {
  const res = await platform.get(`/api/nearest?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as NearestBody;
}

/**
 * The answer once it satisfies `ready`: a change written straight to the database (as by another
 * process) reaches the finder when the server next reads the change log, within a second.
 */
async function nearestOnce(query: string, ready: (body: NearestBody) => boolean): Promise<NearestBody> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const body = await nearest(query);
    if (ready(body) || Date.now() > deadline) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  // Facilities of this test: hidden ones right where the queries look, which must never show.
  await platform.db.query(
    `insert into facility (name, kind, geom, public)
     select '内部站点' || i, 'station', ST_SetSRID(ST_MakePoint(120.25 + i * 0.01, 31.52 + i * 0.008), 4326), false
     from generate_series(0, 12) i`,
  );
  publicFacilities = await platform.db.query(
    'select id, kind, ST_X(geom) as lng, ST_Y(geom) as lat from facility where public',
  );
});
afterAll(() => platform.close());

describe('GET /api/nearest', () => {
  it('matches a brute-force geodesic ranking for 200 points in and around the district', async () => {
    const random = prng(20261127);
    for (let i = 0; i < 200; i++) {
      const lng = 120.22 + random() * 0.16;
      const lat = 31.5 + random() * 0.14;
      const body = await nearest(`lng=${lng}&lat=${lat}&k=5`);
      const expected = publicFacilities
        .map((f) => ({ id: f.id, d: geodesic(lng, lat, f.lng, f.lat) }))
        .sort((a, b) => a.d - b.d || a.id - b.id)
        .slice(0, 5);
      expect(body.results).toHaveLength(5);
      body.results.forEach((r, j) => {
        expect(Math.abs(r.distanceMeters - expected[j]!.d), `point ${i} rank ${j}`).toBeLessThan(1);
        // Same order up to ties: a different id is fine only at (nearly) the same distance.
        if (r.facility.id !== expected[j]!.id) expect(Math.abs(r.distanceMeters - expected[j]!.d)).toBeLessThan(0.5);
      });
    }
  });

  it('matches the brute-force ranking far from the district too, where one KNN scan cannot be sure', async () => {
    const random = prng(42);
    for (let i = 0; i < 40; i++) {
      // From a few kilometres out to several degrees away, in every direction.
      const spread = [0.05, 0.3, 1, 6][i % 4]!;
      const lng = 120.29 + (random() * 2 - 1) * spread;
      const lat = 31.57 + (random() * 2 - 1) * spread;
      const k = 1 + (i % 20);
      const body = await nearest(`lng=${lng}&lat=${lat}&k=${k}`);
      const expected = publicFacilities
        .map((f) => ({ id: f.id, d: geodesic(lng, lat, f.lng, f.lat) }))
        .sort((a, b) => a.d - b.d || a.id - b.id)
        .slice(0, k);
      expect(body.results).toHaveLength(k);
      body.results.forEach((r, j) => {
        expect(Math.abs(r.distanceMeters - expected[j]!.d), `point ${i} rank ${j}`).toBeLessThan(1);
        if (r.facility.id !== expected[j]!.id) expect(Math.abs(r.distanceMeters - expected[j]!.d)).toBeLessThan(0.5);
      });
    }
  });

  it('agrees with the exact SQL reference (PostGIS geography distance) for 100 points and kinds', async () => {
    const random = prng(11);
    for (let i = 0; i < 100; i++) {
      const lng = 120.2 + random() * 0.2;
      const lat = 31.48 + random() * 0.18;
      const k = 1 + (i % 8);
      const kinds = i % 3 === 0 ? ['party_home', 'rep_studio'] : null;
      const body = await nearest(`lng=${lng}&lat=${lat}&k=${k}${kinds ? `&kind=${kinds.join(',')}` : ''}`);
      const expected = await platform.db.query<{ id: number; distanceMeters: number }>(REFERENCE_NEAREST, [lng, lat, k, kinds]);
      expect(body.results.map((r) => r.facility.id), `point ${i}`).toEqual(expected.map((e) => e.id));
      body.results.forEach((r, j) => expect(Math.abs(r.distanceMeters - expected[j]!.distanceMeters)).toBeLessThan(0.06));
    }
  });

  it('shows a station added, edited or hidden through the API in the very next answer', async () => {
    const admin = await makeAccount(platform, 'admin', '320213');
    const cookie = await signIn(platform, admin);
    const spot = { lng: 120.30123, lat: 31.57321 };
    const feature = (name: string, openingHours: string, isPublic = true) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [spot.lng, spot.lat] },
      properties: { name, kind: 'station', address: '测试路 1 号', phone: '0510-01234567', openingHours, services: ['便民服务'], public: isPublic },
    });
    const query = `lng=${spot.lng}&lat=${spot.lat}&k=1`;
    await nearest(query); // the index is loaded before the change
    const created = await send(platform, 'POST', '/api/facilities', cookie, feature('新开服务站', 'Mo-Fr 09:00-17:00'));
    expect(created.status, await created.clone().text()).toBe(201);
    const id = ((await created.json()) as { id: number }).id;
    const first = (await nearest(query)).results[0]!;
    expect(first.facility).toMatchObject({ id, name: '新开服务站' });
    expect(first.distanceMeters).toBe(0);

    const edited = await send(platform, 'PUT', `/api/facilities/${id}`, cookie, feature('新开服务站', '24/7'));
    expect(edited.status).toBe(200);
    const after = (await nearest(query)).results[0]!;
    expect(after.facility).toMatchObject({ id, openingHours: '24/7' });
    expect(after.openNow).toBe(true);

    const hidden = await send(platform, 'PUT', `/api/facilities/${id}`, cookie, feature('新开服务站', '24/7', false));
    expect(hidden.status).toBe(200);
    expect((await nearest(query)).results[0]!.facility.id).not.toBe(id);
  });

  it('follows stations written by another process within a second', async () => {
    const query = 'lng=120.28765&lat=31.55432&k=1';
    await nearest(query);
    const [row] = await platform.db.query<{ id: number }>(
      `insert into facility (name, kind, geom, public) values ('别处新增服务站', 'station', ST_SetSRID(ST_MakePoint(120.28765, 31.55432), 4326), true) returning id`,
    );
    const shown = await nearestOnce(query, (b) => b.results[0]?.facility.id === row!.id);
    expect(shown.results[0]!.facility.name).toBe('别处新增服务站');
    await platform.db.query('update facility set phone = $2 where id = $1', [row!.id, '0510-7654321']);
    const phoned = await nearestOnce(query, (b) => (b.results[0]?.facility as { phone?: string }).phone === '0510-7654321');
    expect((phoned.results[0]!.facility as { phone?: string }).phone).toBe('0510-7654321');
    await platform.db.query('delete from facility where id = $1', [row!.id]);
    const gone = await nearestOnce(query, (b) => b.results[0]?.facility.id !== row!.id);
    expect(gone.results[0]!.facility.id).not.toBe(row!.id);
  });

  it('filters by kind, states the walking speed, and never shows a non-public facility', async () => {
    const body = await nearest('lng=120.3&lat=31.57&k=20&kind=party_home,rep_studio');
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.every((r) => ['party_home', 'rep_studio'].includes(r.facility.kind))).toBe(true);
    expect(body.walking.speedMetersPerMinute).toBeGreaterThan(0);
    for (const r of body.results) {
      expect(r.walkMinutes).toBe(Math.max(1, Math.ceil((r.distanceMeters * body.walking.detourFactor) / body.walking.speedMetersPerMinute)));
      expect([true, false, null]).toContain(r.openNow);
    }
    const hidden = await nearest('lng=120.25&lat=31.52&k=20');
    expect(hidden.results.some((r) => r.facility.name.startsWith('内部站点'))).toBe(false);
  });

  it('gives at most 20 for a larger k, refuses k below 1 and defaults to 5', async () => {
    expect((await nearest('lng=120.3&lat=31.57&k=50')).results).toHaveLength(20);
    expect((await platform.get('/api/nearest?lng=120.3&lat=31.57&k=0')).status).toBe(400);
    expect((await nearest('lng=120.3&lat=31.57')).results).toHaveLength(5);
  });

  it('answers the plain request (taken before the web framework) exactly as the full route does', async () => {
    // lng/lat alone is the fast path; the same point with crs=wgs84, or with a session cookie, goes through Express.
    const ask = (query: string, headers: Record<string, string> = {}) => platform.get(`/api/nearest?${query}`, { headers });
    const fast = await ask('lng=120.3012&lat=31.5733&k=7');
    const routed = [await ask('lng=120.3012&lat=31.5733&k=7&crs=wgs84'), await ask('lng=120.3012&lat=31.5733&k=7', { cookie: 'wgdj_session=none' })];
    for (const res of [fast, ...routed]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=60');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBeNull();
    }
    const [a, b, c] = (await Promise.all([fast, ...routed].map((r) => r.json()))) as NearestBody[];
    expect(a).toEqual(b);
    expect(a).toEqual(c);
    // What the quick check does not accept still gets the route's own 400.
    for (const query of ['lng=abc&lat=31.5', 'lng=120.3&lat=95', 'lng=120.3', 'lng=1e2&lat=31.5']) {
      const res = await ask(query);
      expect(res.status, query).toBe(query === 'lng=1e2&lat=31.5' ? 200 : 400);
    }
  });

  it('gives the same answer for a GCJ-02 or BD-09 point as for its WGS-84 original', async () => {
    const wgs: [number, number] = [120.3012, 31.5733];
    const plain = await nearest(`lng=${wgs[0]}&lat=${wgs[1]}`);
    for (const crs of ['gcj02', 'bd09'] as const) {
      const shifted = gcoord.transform([...wgs] as [number, number], gcoord.WGS84, crs === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09) as [number, number];
      const body = await nearest(`lng=${shifted[0]}&lat=${shifted[1]}&crs=${crs}`);
      expect(geodesic(body.origin.wgs84.lng, body.origin.wgs84.lat, wgs[0], wgs[1])).toBeLessThan(2);
      expect(body.results.map((r) => r.facility.id)).toEqual(plain.results.map((r) => r.facility.id));
      // Locations come back in the caller's system too.
      const first = body.results[0]!.facility;
      expect(first.location.crs).toBe(crs);
      const back = gcoord.transform([first.location.lng, first.location.lat], crs === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09, gcoord.WGS84) as [number, number];
      expect(geodesic(back[0], back[1], first.locationWgs84.lng, first.locationWgs84.lat)).toBeLessThan(2);
    }
  });

  it.each(['lng=abc&lat=31.5', 'lat=31.5', 'lng=120.3&lat=95', 'lng=181&lat=31.5', 'lng=120.3&lat=31.5&crs=baidu', 'lng=120.3&lat=31.5&kind=shop', 'lng=120.3&lat=31.5&k=two'])(
    'answers %s with 400',
    async (query) => {
      const res = await platform.get(`/api/nearest?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    },
  );
});

// The answer before opening hours were cached: each text read afresh, Shanghai's wall clock
// from a new Intl formatter every time.
function openNowReference(hours: string | null, at: Date): boolean | null {
  if (!hours) return null;
  try {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: 'Asia/Shanghai',
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
        .formatToParts(at)
        .map((p) => [p.type, Number(p.value)]),
    ) as Record<string, number>;
    const wall = new Date(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return new opening_hours(hours).getState(wall);
  } catch {
    return null;
  }
}

const HOURS_TEXTS = [
  'Mo-Fr 08:30-17:30; Sa,Su 09:00-16:00',
  'Mo-Su 08:30-17:30',
  'Mo-Fr 08:30-17:00; Sa,Su 09:00-12:00,13:30-16:30',
  '24/7',
  'Mo-Su 00:00-24:00',
  'Mo-Fr 22:00-02:00',
  'Sa-Su 00:00-00:30; Mo 23:30-24:00',
  'Mo-Fr 09:00-12:00; PH off',
  'Mo-Fr 09:00-17:00; Sa off; Su off',
  'Dec 25 off; Mo-Su 08:00-20:00',
  '工作日 9点到5点',
  'not a rule',
  '',
];

// Shanghai midnight edges (UTC 16:00 is 00:00 the next day in Shanghai), a week's turn, the
// year's turn, office hours, and an instant of the 1986–1991 summer time (UTC+9 then).
const INSTANTS = [
  '2026-11-29T15:59:59Z',
  '2026-11-29T16:00:00Z',
  '2026-11-29T16:00:01Z',
  '2026-11-27T15:59:59Z',
  '2026-11-27T16:00:00Z',
  '2026-11-30T01:00:00Z',
  '2026-11-30T09:29:59Z',
  '2026-11-30T09:30:00Z',
  '2026-12-24T16:00:00Z',
  '2026-12-31T15:59:59Z',
  '2026-12-31T16:00:00Z',
  '2026-12-31T16:30:00Z',
  '2027-06-30T14:30:00Z',
  '1988-07-01T14:30:00Z',
  '1988-07-01T15:30:00Z',
].map((t) => new Date(t));

describe('open now', () => {
  it('gives the same answer as reading each text afresh, for many texts and instants, twice over', () => {
    for (let round = 0; round < 2; round++)
      for (const hours of HOURS_TEXTS)
        for (const at of INSTANTS) expect(openNow(hours, at), `${hours} at ${at.toISOString()} (round ${round})`).toBe(openNowReference(hours, at));
    expect(openNow(null, INSTANTS[0])).toBeNull();
    // The midnight edge really is an edge for these texts.
    expect(openNow('Mo-Fr 22:00-02:00', new Date('2026-11-29T15:59:59Z'))).toBe(false);
    expect(openNow('Sa-Su 00:00-00:30; Mo 23:30-24:00', new Date('2026-11-28T16:00:00Z'))).toBe(true);
  });

  it('answers in /api/nearest as the reference does at the time of the request', async () => {
    const [spot] = await platform.db.query<{ lng: number; lat: number }>(
      `insert into facility (name, kind, opening_hours, geom, public)
       select '营业时间测试' || i, 'station', (array[${HOURS_TEXTS.map((h) => `'${h}'`).join(', ')}])[i + 1],
              ST_SetSRID(ST_MakePoint(121.0 + i * 0.00001, 32.0), 4326), true
       from generate_series(0, ${HOURS_TEXTS.length - 1}) i
       returning 121.0 as lng, 32.0 as lat`,
    );
    const before = new Date();
    const body = await nearestOnce(`lng=${spot!.lng}&lat=${spot!.lat}&k=${HOURS_TEXTS.length}`, (b) =>
      b.results.every((r) => r.facility.name.startsWith('营业时间测试')));
    const after = new Date();
    const rows = await platform.db.query<{ id: number; opening_hours: string | null }>(
      `select id, opening_hours from facility where name like '营业时间测试%'`,
    );
    const hoursById = new Map(rows.map((r) => [r.id, r.opening_hours]));
    expect(body.results).toHaveLength(HOURS_TEXTS.length);
    for (const r of body.results) {
      const hours = hoursById.get(r.facility.id);
      expect(hours).not.toBeUndefined();
      const a = openNowReference(hours ?? null, before);
      // A minute turning during the request could change the answer; otherwise it must agree.
      if (a === openNowReference(hours ?? null, after)) expect(r.openNow, String(hours)).toBe(a);
      // 开放中 and 即将关闭 are both open; 已关闭 is closed; unknown stays unknown.
      const open = r.openState === null ? null : r.openState !== 'closed';
      expect(open, String(hours)).toBe(r.openNow);
    }
  });

  it('tells 即将关闭 (closing within 30 minutes) from 开放中, with the closing time in Shanghai time', () => {
    const hours = 'Mo-Su 08:30-17:30';
    // 2026-11-30 is a Monday; Shanghai is UTC+8.
    expect(openState(hours, new Date('2026-11-30T08:00:00Z'))).toEqual({ openState: 'open', closesAt: '17:30' });
    expect(openState(hours, new Date('2026-11-30T09:00:00Z'))).toEqual({ openState: 'closingSoon', closesAt: '17:30' });
    expect(openState(hours, new Date('2026-11-30T09:30:00Z'))).toEqual({ openState: 'closed', closesAt: null });
    expect(openState(hours, new Date('2026-11-30T00:00:00Z'))).toEqual({ openState: 'closed', closesAt: null });
    expect(openState('24/7', new Date('2026-11-30T09:00:00Z'))).toEqual({ openState: 'open', closesAt: null });
    expect(openState('Mo-Fr 22:00-02:00', new Date('2026-11-30T17:45:00Z'))).toEqual({ openState: 'closingSoon', closesAt: '02:00' });
    expect(openState(null)).toBeNull();
    expect(openState('not hours at all')).toBeNull();
  });
});

describe('GET /api/nearest/open-state', () => {
  it('answers for public stations only, as the nearest answer does', async () => {
    const body = await nearest('lng=120.3012&lat=31.5733&k=5');
    const [hidden] = await platform.db.query<{ id: number }>('select id from facility where not public limit 1');
    const ids = [...body.results.map((r) => r.facility.id), hidden!.id];
    const res = await platform.get(`/api/nearest/open-state?ids=${ids.join(',')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('max-age=60');
    const answer = (await res.json()) as { facilities: { id: number; openState: string | null; closesAt: string | null }[] };
    expect(answer.facilities.map((f) => f.id)).toEqual(body.results.map((r) => r.facility.id));
    for (const r of body.results) {
      const found = answer.facilities.find((f) => f.id === r.facility.id)!;
      expect(found.openState === null).toBe(r.openState === null);
    }
  });

  it('refuses a missing, malformed or too long list of ids with 400', async () => {
    for (const query of ['', '?ids=', '?ids=abc', '?ids=1,-2', `?ids=${Array.from({ length: 51 }, (_, i) => i + 1).join(',')}`]) {
      const res = await platform.get(`/api/nearest/open-state${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    }
  });
});

describe('GET /api/locate', () => {
  it('names the grid whose polygon contains the point, with its community, street, district and leader', async () => {
    const random = prng(7);
    for (let i = 0; i < 20; i++) {
      const lng = 120.27 + random() * 0.08;
      const lat = 31.54 + random() * 0.06;
      const res = await platform.get(`/api/locate?lng=${lng}&lat=${lat}`);
      if (res.status === 404) continue;
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        grid: { id: number; code: string; leaderName: string; leaderPhone: string };
        community: { code: string; name: string };
        street: { code: string };
        district: { code: string; name: string };
      };
      const grid = (await (await platform.get(`/api/grids/${body.grid.id}`)).json()) as Feature<MultiPolygon>;
      expect(booleanPointInPolygon([lng, lat], grid)).toBe(true);
      expect(body.grid.code.startsWith(body.community.code)).toBe(true);
      expect(body.community.code.startsWith(body.street.code)).toBe(true);
      expect(body.district).toEqual({ code: '320213', name: '梁溪区' });
      expect(body.grid.leaderName).toBeTruthy();
      // The community by name (what a resident reads), the same as the region's own record.
      const [community] = await platform.db.query<{ name: string }>('select name from region where code = $1', [body.community.code]);
      expect(body.community.name).toBe(community!.name);
      expect(body.community.name).toMatch(/社区$/);
    }
  });

  it('answers a point outside every grid with 404 and says so', async () => {
    const res = await platform.get('/api/locate?lng=121.5&lat=31.2');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('OUTSIDE_SERVICE_AREA');
    expect(body.error.message).toMatch(/服务范围/);
  });

  it('takes GCJ-02 input', async () => {
    const [lng, lat] = gcoord.transform([120.3012, 31.5733], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const a = (await (await platform.get('/api/locate?lng=120.3012&lat=31.5733')).json()) as { grid: { id: number } };
    const b = (await (await platform.get(`/api/locate?lng=${lng}&lat=${lat}&crs=gcj02`)).json()) as { grid: { id: number } };
    expect(b.grid.id).toBe(a.grid.id);
  });
});

describe('GET /api/search', () => {
  it('finds stations, streets, communities and grids by part of a name or code', async () => {
    const res = await platform.get(`/api/search?q=${encodeURIComponent('崇安寺')}`);
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { type: string; name: string }[] };
    const types = new Set(results.map((r) => r.type));
    expect(types).toContain('street');
    expect(types).toContain('facility');
    expect(results.every((r) => r.name.includes('崇安寺'))).toBe(true);
    const byCode = (await (await platform.get('/api/search?q=320213021001')).json()) as { results: { type: string; code: string }[] };
    expect(byCode.results.some((r) => r.type === 'community' && r.code === '320213021001')).toBe(true);
    expect(byCode.results.some((r) => r.type === 'grid' && r.code.startsWith('320213021001'))).toBe(true);
  });

  it('finds stations by the road or address they are on', async () => {
    const [station] = await platform.db.query<{ id: number; address: string }>(
      `select id, address from facility where public and address like '%路%号' order by id limit 1`,
    );
    // "无锡市梁溪区伯渎路149号" → "伯渎路": a road, not in the station's name.
    const road = /区(.+?路)/.exec(station!.address)![1]!;
    const res = await platform.get(`/api/search?q=${encodeURIComponent(road)}`);
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { type: string; id: string; context: string }[] };
    const stations = results.filter((r) => r.type === 'facility');
    expect(stations.map((r) => r.id)).toContain(String(station!.id));
    expect(stations.every((r) => r.context.includes(road) || r.context === '')).toBe(true);
    // A station that is not public is never found by its address either.
    await platform.db.query(`insert into facility (name, kind, address, geom, public) values ('内部地址测试', 'station', '无锡市梁溪区隐藏测试路1号', ST_SetSRID(ST_MakePoint(120.3, 31.57), 4326), false)`);
    const hidden = (await (await platform.get(`/api/search?q=${encodeURIComponent('隐藏测试路')}`)).json()) as { results: unknown[] };
    expect(hidden.results).toEqual([]);
  });

  it('treats LIKE wildcards as text and refuses an empty query', async () => {
    const wild = (await (await platform.get('/api/search?q=%25')).json()) as { results: unknown[] };
    expect(wild.results).toEqual([]);
    expect((await platform.get('/api/search?q=')).status).toBe(400);
    expect((await platform.get(`/api/search?q=${'长'.repeat(51)}`)).status).toBe(400);
  });
});

describe('GET /api/app-config', () => {
  it('has no public address unless PUBLIC_URL is set', async () => {
    const res = await platform.get('/api/app-config');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ publicUrl: null });
  });

  it('gives PUBLIC_URL, without a trailing slash, for the QR codes and shared links', async () => {
    // A second app on the same database, configured with a public address.
    const app = createApp({ db: platform.db, config: { ...readConfig(), publicUrl: 'https://map.example.cn/liangxi/' }, clientDist: os.tmpdir() });
    const configured = await serveApp(app, platform.db);
    try {
      const res = await configured.get('/api/app-config');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ publicUrl: 'https://map.example.cn/liangxi' });
    } finally {
      await configured.close();
      await closeApp(app);
    }
  });
});

// Last: reading 2,100 texts keeps the event loop busy for seconds, long enough for the server to
// drop the test client's idle keep-alive connection under a following request.
describe('the opening-hours cache', () => {
  it('keeps a bounded number of read texts', () => {
    for (let i = 0; i < 2_100; i++) openNow(`Mo ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}-23:59; Tu ${i % 7 + 1}:00-23:00`);
    expect(openingHoursCacheSize()).toBeLessThanOrEqual(2_000);
    // Still right after texts were dropped.
    for (const hours of HOURS_TEXTS) expect(openNow(hours, INSTANTS[1])).toBe(openNowReference(hours, INSTANTS[1]!));
  });
});
