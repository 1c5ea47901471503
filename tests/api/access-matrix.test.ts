import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/src/auth/user.ts';
import type { AccountPage } from '../../server/src/contract/accounts.ts';
import { makeAccount, makeGridWorker, send, signIn } from '../support/accounts.ts';
import { insertCase } from '../support/civic-cases.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// Every endpoint × {anonymous, leader, planner, admin, gridworker} × {inside, outside the caller's
// scope}. Accounts are scoped to one street (the grid worker to one grid of a community of it);
// "inside" targets a community of that street, "outside" a community of another street. Writes
// that are refused must leave the data as it was.

type Who = 'anonymous' | Role;
type Where = 'inside' | 'outside';

interface Place {
  street: string;
  community: string;
  lng: number;
  lat: number;
  facilityId: number;
  userId: number;
  gridId: number;
  gridCode: string;
  /** A pending case (民情) in the place's grid. */
  caseId: number;
  caseCode: string;
}

let platform: TestPlatform;
const cookies: Partial<Record<Who, string>> = {};
const places = {} as Record<Where, Place>;

async function placeIn(street: string): Promise<Place> {
  const [c] = await platform.db.query<{ code: string; lng: number; lat: number; gridId: number; gridCode: string }>(
    `select r.code, ST_X(p) as lng, ST_Y(p) as lat, g.id as "gridId", g.code as "gridCode"
     from region r cross join ST_PointOnSurface(r.geom) p
     left join lateral (select id, code from grid where valid_to is null and ST_Intersects(grid.geom, p) order by id limit 1) g on true
     where r.parent_code = $1 order by r.code limit 1`,
    [street],
  );
  const [f] = await platform.db.query<{ id: number }>(
    `insert into facility (name, kind, geom) values ('矩阵测试服务站', 'station', ST_SetSRID(ST_MakePoint($1, $2), 4326)) returning id`,
    [c!.lng, c!.lat],
  );
  const user = await makeAccount(platform, 'leader', c!.code);
  const civicCase = await insertCase(platform.db, { grid: { id: c!.gridId, code: c!.gridCode, lng: c!.lng, lat: c!.lat }, createdAt: new Date(), phone: '13800138000' });
  return { street, community: c!.code, lng: c!.lng, lat: c!.lat, facilityId: f!.id, userId: user.id, gridId: c!.gridId, gridCode: c!.gridCode, caseId: civicCase.id, caseCode: civicCase.code };
}

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  places.inside = await placeIn('320213021');
  places.outside = await placeIn('320213022');
  for (const role of ['leader', 'planner', 'admin'] as const) {
    cookies[role] = await signIn(platform, await makeAccount(platform, role, places.inside.street));
  }
  cookies.gridworker = await signIn(platform, await makeGridWorker(platform, [places.inside.gridCode]));
});
afterAll(() => platform.close());

const facilityBody = (p: Place, name: string) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
  properties: { name, kind: 'station', address: '测试路 1 号', phone: '0510-01234567', openingHours: 'Mo-Fr 09:00-17:00', services: ['便民服务'] },
});

let counter = 0;
interface Req {
  method: string;
  path: string;
  body?: unknown;
}

interface Case {
  name: string;
  request: (p: Place) => Req | Promise<Req>;
  expect: Record<Who, number | Record<Where, number>>;
  /** A snapshot of what a refused request must not change. */
  state?: (p: Place) => Promise<unknown>;
}

const facilityState = (p: Place) => platform.db.query('select name, kind, ST_AsText(geom) as geom from facility where id = $1', [p.facilityId]);
const userState = (p: Place) => platform.db.query('select display_name, role, region_code, password_hash, disabled_at from app_user where id = $1', [p.userId]);
const facilityCount = () => platform.db.query('select count(*)::int as n from facility');
const userCount = () => platform.db.query('select count(*)::int as n from app_user');

const OPEN = { anonymous: 200, leader: 200, planner: 200, admin: 200, gridworker: 200 };
const scoped = (ok: number) => ({ inside: ok, outside: 403 });

const cases: Case[] = [
  { name: 'GET /api/health', request: () => ({ method: 'GET', path: '/api/health' }), expect: OPEN },
  { name: 'GET /api/regions', request: () => ({ method: 'GET', path: '/api/regions?level=street' }), expect: OPEN },
  { name: 'GET /api/grids', request: (p) => ({ method: 'GET', path: `/api/grids?community=${p.community}` }), expect: OPEN },
  { name: 'GET /api/grids/:id', request: (p) => ({ method: 'GET', path: `/api/grids/${p.gridId}` }), expect: OPEN },
  { name: 'GET /api/facilities', request: () => ({ method: 'GET', path: '/api/facilities?kind=center' }), expect: OPEN },
  { name: 'GET /api/facilities/:id', request: (p) => ({ method: 'GET', path: `/api/facilities/${p.facilityId}` }), expect: OPEN },
  { name: 'GET /api/nearest', request: (p) => ({ method: 'GET', path: `/api/nearest?lng=${p.lng}&lat=${p.lat}` }), expect: OPEN },
  { name: 'GET /api/locate', request: (p) => ({ method: 'GET', path: `/api/locate?lng=${p.lng}&lat=${p.lat}` }), expect: OPEN },
  { name: 'GET /api/search', request: () => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent('社区')}` }), expect: OPEN },
  {
    name: 'GET /api/communities/:code/coverage-check',
    request: (p) => ({ method: 'GET', path: `/api/communities/${p.community}/coverage-check` }),
    expect: { anonymous: 401, leader: scoped(200), planner: scoped(200), admin: scoped(200), gridworker: 403 },
  },
  {
    name: 'GET /api/grids/:id/history',
    request: (p) => ({ method: 'GET', path: `/api/grids/${p.gridId}/history` }),
    expect: { anonymous: 401, leader: scoped(200), planner: scoped(200), admin: scoped(200), gridworker: 403 },
  },
  {
    name: 'PUT /api/grids/:id (attributes)',
    request: async (p) => {
      const [g] = await platform.db.query<{ version: number }>('select version from grid where id = $1', [p.gridId]);
      return { method: 'PUT', path: `/api/grids/${p.gridId}`, body: { type: 'Feature', geometry: null, properties: { name: `矩阵网格${++counter}`, version: g!.version }, note: '矩阵测试' } };
    },
    expect: { anonymous: 401, leader: 403, planner: scoped(200), admin: scoped(200), gridworker: 403 },
    state: (p) => platform.db.query('select name from grid where id = $1', [p.gridId]),
  },
  {
    name: 'POST /api/exports/audit',
    request: (p) => ({ method: 'POST', path: '/api/exports/audit', body: { kind: 'coverage-png', region: p.community } }),
    expect: { anonymous: 401, leader: scoped(204), planner: scoped(204), admin: scoped(204), gridworker: 403 },
  },
  { name: 'GET /api/auth/me', request: () => ({ method: 'GET', path: '/api/auth/me' }), expect: { anonymous: 401, leader: 200, planner: 200, admin: 200, gridworker: 200 } },
  { name: 'GET /api/users', request: () => ({ method: 'GET', path: '/api/users' }), expect: { anonymous: 401, leader: 403, planner: 403, admin: 200, gridworker: 403 } },
  {
    name: 'POST /api/users',
    request: (p) => ({ method: 'POST', path: '/api/users', body: { username: `m_${++counter}_${Date.now()}`, displayName: '新账号', role: 'planner', regionCode: p.community } }),
    expect: { anonymous: 401, leader: 403, planner: 403, admin: scoped(201), gridworker: 403 },
    state: userCount,
  },
  {
    name: 'PUT /api/users/:id',
    request: (p) => ({ method: 'PUT', path: `/api/users/${p.userId}`, body: { displayName: `改名${++counter}` } }),
    expect: { anonymous: 401, leader: 403, planner: 403, admin: scoped(200), gridworker: 403 },
    state: userState,
  },
  {
    name: 'POST /api/users/:id/reset-password',
    request: (p) => ({ method: 'POST', path: `/api/users/${p.userId}/reset-password` }),
    expect: { anonymous: 401, leader: 403, planner: 403, admin: scoped(200), gridworker: 403 },
    state: userState,
  },
  {
    name: 'POST /api/users/:id/disable',
    request: (p) => ({ method: 'POST', path: `/api/users/${p.userId}/disable` }),
    expect: { anonymous: 401, leader: 403, planner: 403, admin: scoped(200), gridworker: 403 },
    state: userState,
  },
  {
    name: 'POST /api/users/:id/enable',
    request: (p) => ({ method: 'POST', path: `/api/users/${p.userId}/enable` }),
    expect: { anonymous: 401, leader: 403, planner: 403, admin: scoped(200), gridworker: 403 },
    state: userState,
  },
  { name: 'GET /api/audit', request: () => ({ method: 'GET', path: '/api/audit' }), expect: { anonymous: 401, leader: 403, planner: 403, admin: 200, gridworker: 403 } },
  { name: 'GET /api/audit/export', request: () => ({ method: 'GET', path: '/api/audit/export' }), expect: { anonymous: 401, leader: 403, planner: 403, admin: 200, gridworker: 403 } },
  {
    name: 'GET /api/members',
    request: (p) => ({ method: 'GET', path: `/api/members?community=${p.community}` }),
    expect: { anonymous: 401, leader: 403, planner: 403, admin: scoped(200), gridworker: 403 },
  },
  {
    name: 'POST /api/facilities',
    request: (p) => ({ method: 'POST', path: '/api/facilities', body: facilityBody(p, `新服务站${++counter}`) }),
    expect: { anonymous: 401, leader: 403, planner: scoped(201), admin: scoped(201), gridworker: 403 },
    state: facilityCount,
  },
  {
    name: 'PUT /api/facilities/:id',
    request: (p) => ({ method: 'PUT', path: `/api/facilities/${p.facilityId}`, body: facilityBody(p, `改名服务站${++counter}`) }),
    expect: { anonymous: 401, leader: 403, planner: scoped(200), admin: scoped(200), gridworker: 403 },
    state: facilityState,
  },
  // 民情反馈, the public side: anyone reads the categories and a case's status by its code; admins edit categories.
  { name: 'GET /api/report-categories', request: () => ({ method: 'GET', path: '/api/report-categories' }), expect: OPEN },
  { name: 'GET /api/reports/:code', request: (p) => ({ method: 'GET', path: `/api/reports/${p.caseCode}` }), expect: OPEN },
  {
    name: 'PUT /api/report-categories/:id',
    request: () => ({ method: 'PUT', path: '/api/report-categories/other', body: { name: `其他${++counter}` } }),
    expect: { anonymous: 401, leader: 403, planner: 403, admin: 200, gridworker: 403 },
    state: () => platform.db.query("select name, accept_days, close_days, active from case_category where id = 'other'"),
  },
  // 民情反馈, the staff side: the grid worker acts on their own grid's cases only; supervisors on their scope's.
  { name: 'GET /api/cases', request: () => ({ method: 'GET', path: '/api/cases?status=all' }), expect: { anonymous: 401, leader: 200, planner: 403, admin: 200, gridworker: 200 } },
  {
    name: 'GET /api/cases/:id',
    request: (p) => ({ method: 'GET', path: `/api/cases/${p.caseId}` }),
    expect: { anonymous: 401, leader: scoped(200), planner: 403, admin: scoped(200), gridworker: scoped(200) },
  },
  {
    name: 'GET /api/cases/:id/phone',
    request: (p) => ({ method: 'GET', path: `/api/cases/${p.caseId}/phone` }),
    expect: { anonymous: 401, leader: scoped(200), planner: 403, admin: scoped(200), gridworker: scoped(200) },
  },
  {
    name: 'GET /api/cases/:id/duplicates',
    request: (p) => ({ method: 'GET', path: `/api/cases/${p.caseId}/duplicates` }),
    expect: { anonymous: 401, leader: scoped(200), planner: 403, admin: scoped(200), gridworker: scoped(200) },
  },
  {
    name: 'POST /api/cases/:id/actions (note)',
    request: async (p) => {
      const [c] = await platform.db.query<{ version: number }>('select version from civic_case where id = $1', [p.caseId]);
      return { method: 'POST', path: `/api/cases/${p.caseId}/actions`, body: { action: 'note', version: c!.version, note: `矩阵备注${++counter}` } };
    },
    expect: { anonymous: 401, leader: scoped(200), planner: 403, admin: scoped(200), gridworker: scoped(200) },
    state: (p) => platform.db.query('select version, (select count(*)::int from case_event where case_id = $1) as events from civic_case where id = $1', [p.caseId]),
  },
];

const WHO: Who[] = ['anonymous', 'leader', 'planner', 'admin', 'gridworker'];
const rows = cases.flatMap((c) =>
  WHO.flatMap((who) => (['inside', 'outside'] as const).map((where) => {
    const e = c.expect[who];
    return { c, who, where, status: typeof e === 'number' ? e : e[where] };
  })),
);

describe('access matrix', () => {
  it.each(rows.map((r) => [r.c.name, r.who, r.where, r.status, r] as const))('%s as %s, %s the scope → %i', async (_n, who, where, status, row) => {
    const place = places[where];
    const before = row.c.state ? await row.c.state(place) : undefined;
    const { method, path, body } = await row.c.request(place);
    const res = await send(platform, method, path, cookies[who], body);
    expect(res.status, await res.clone().text()).toBe(status);
    if (status >= 400) {
      expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
      if (row.c.state) expect(await row.c.state(place)).toEqual(before);
    }
  });

  // Deletes last: they remove the places the other cases use.
  it.each(WHO.flatMap((who) => (['outside', 'inside'] as const).map((where) => [who, where] as const)))(
    'DELETE /api/facilities/:id as %s, %s the scope',
    async (who, where) => {
      const place = places[where];
      const [f] = await platform.db.query<{ id: number }>(
        `insert into facility (name, kind, geom) values ('待删除服务站', 'station', ST_SetSRID(ST_MakePoint($1, $2), 4326)) returning id`,
        [place.lng, place.lat],
      );
      const res = await send(platform, 'DELETE', `/api/facilities/${f!.id}`, cookies[who]);
      const expected = who === 'anonymous' ? 401 : who === 'leader' || who === 'gridworker' || where === 'outside' ? 403 : 204;
      expect(res.status).toBe(expected);
      const [left] = await platform.db.query<{ n: number }>('select count(*)::int as n from facility where id = $1', [f!.id]);
      expect(left!.n).toBe(expected === 204 ? 0 : 1);
    },
  );
});

describe('grid worker accounts', () => {
  const newWorker = (p: Place, extra: Record<string, unknown>) => ({
    username: `gw_${++counter}_${Date.now()}`,
    displayName: '新网格员',
    role: 'gridworker',
    regionCode: p.community,
    ...extra,
  });
  const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

  it('an admin creates a grid worker for a grid of a community in scope, and the list shows the grid', async () => {
    const body = newWorker(places.inside, { gridCodes: [places.inside.gridCode] });
    const res = await send(platform, 'POST', '/api/users', cookies.admin, body);
    expect(res.status, await res.clone().text()).toBe(201);
    const made = (await res.json()) as { user: { id: number; role: string; gridCodes: string[] } };
    expect(made.user.role).toBe('gridworker');
    expect(made.user.gridCodes).toEqual([places.inside.gridCode]);
    const list = (await (await send(platform, 'GET', '/api/users?limit=200', cookies.admin)).json()) as AccountPage;
    expect(list.users.find((u) => u.id === made.user.id)?.gridCodes).toEqual([places.inside.gridCode]);
  });

  it.each([
    ['no gridCodes', () => newWorker(places.inside, {}), 422, 'GRID_CODES_REQUIRED'],
    ['an empty gridCodes', () => newWorker(places.inside, { gridCodes: [] }), 422, 'GRID_CODES_REQUIRED'],
    ['a grid outside the account\'s community', () => newWorker(places.inside, { gridCodes: [places.outside.gridCode] }), 422, 'OUTSIDE_SCOPE'],
    ['a grid code that is no grid', () => newWorker(places.inside, { gridCodes: [`${places.inside.community}999`] }), 422, 'GRID_NOT_FOUND'],
    ['a grid code that is not 15 digits', () => newWorker(places.inside, { gridCodes: ['12345'] }), 400, 'BAD_REQUEST'],
    ['a community outside the admin\'s scope', () => newWorker(places.outside, { gridCodes: [places.outside.gridCode] }), 403, 'OUTSIDE_SCOPE'],
    ['gridCodes on a planner', () => ({ ...newWorker(places.inside, { gridCodes: [places.inside.gridCode] }), role: 'planner' }), 422, 'BAD_VALUE'],
  ] as const)('creating a grid worker with %s → %i, nothing stored', async (_name, body, status, code) => {
    const before = await userCount();
    const res = await send(platform, 'POST', '/api/users', cookies.admin, body());
    expect(res.status, await res.clone().text()).toBe(status);
    expect(await errorCode(res)).toBe(code);
    expect(await userCount()).toEqual(before);
  });

  it('a grid worker cannot create accounts', async () => {
    const before = await userCount();
    const res = await send(platform, 'POST', '/api/users', cookies.gridworker, newWorker(places.inside, { gridCodes: [places.inside.gridCode] }));
    expect(res.status).toBe(403);
    expect(await userCount()).toEqual(before);
  });
});
