import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, signIn } from '../support/accounts.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// Web maps on other sites read the public layers, tiles and finder (CORS with *, no credentials);
// nothing behind sign-in answers another site.

const OTHER_SITE = 'http://map.example.org';

let platform: TestPlatform;
let staffCookie: string;
let gridId: number;
let stationId: number;

/** The z14 tile holding a point (slippy-map numbering). */
function tileAt(lng: number, lat: number, z = 14): string {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  const x = Math.floor(((lng + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return `${z}/${x}/${y}`;
}

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  staffCookie = await signIn(platform, await makeAccount(platform, 'admin', '320213'));
  [{ id: gridId }] = (await platform.db.query<{ id: number }>('select id from grid where valid_to is null order by id limit 1')) as [{ id: number }];
  [{ id: stationId }] = (await platform.db.query<{ id: number }>('select id from facility where public order by id limit 1')) as [{ id: number }];
  // A non-public station: staff see it in the facility list, the public (and any other site) never does.
  await platform.db.query(
    `insert into facility (name, kind, geom, public) values ('跨站测试内部站', 'station', ST_SetSRID(ST_MakePoint(120.3, 31.57), 4326), false)`,
  );
});
afterAll(() => platform.close());

const publicReads = (): string[] => [
  '/ogc',
  '/ogc/collections',
  '/ogc/collections/grids/items?limit=2',
  `/tiles/grids/${tileAt(120.3, 31.57)}.mvt`,
  '/api/nearest?lng=120.3&lat=31.57',
  '/api/nearest?lng=120.3&lat=31.57&crs=wgs84&kind=station',
  `/api/nearest/open-state?ids=${stationId}`,
  '/api/locate?lng=120.3&lat=31.57',
  '/api/search?q=党群',
  '/api/facilities?limit=5',
  `/api/facilities/${stationId}`,
  '/api/regions?level=street',
  '/api/grids?bbox=120.2,31.5,120.4,31.65',
  `/api/grids/${gridId}`,
  // Errors of public reads are readable too, so another site's page can show what was wrong.
  '/api/nearest?lng=&lat=',
  '/api/facilities/999999999',
  '/tiles/grids/3/9/1.mvt',
];

const staffReads = (): string[] => [
  '/api/coverage/summary',
  '/api/coverage/grids',
  `/api/grids/${gridId}/history`,
  `/api/changesets?grid=${gridId}`,
  '/api/exports/grids?format=geojson',
  '/api/members',
  '/api/audit',
  '/api/accounts',
  '/api/auth/me',
  '/api/health',
];

function expectPublicCors(res: Response, what: string): void {
  expect(res.headers.get('access-control-allow-origin'), what).toBe('*');
  expect(res.headers.get('access-control-allow-credentials'), what).toBeNull();
  expect(res.headers.get('cross-origin-resource-policy'), what).toBe('cross-origin');
}

describe('CORS on the public reads', () => {
  it('lets any site read every public endpoint, its errors and cached tiles, without credentials', async () => {
    for (const path of publicReads()) {
      // Twice: the second tile and the plain nearest request are answered before the web framework.
      for (const round of [1, 2]) {
        const res = await platform.get(path, { headers: { origin: OTHER_SITE, 'sec-fetch-site': 'cross-site' } });
        expect(res.status, path).toBeLessThan(500);
        expectPublicCors(res, `${path} (request ${round})`);
      }
    }
  });

  it('answers the preflight for GET on public reads and allows no other method', async () => {
    const preflight = (path: string, method: string) =>
      platform.get(path, { method: 'OPTIONS', headers: { origin: OTHER_SITE, 'access-control-request-method': method } });
    for (const path of ['/api/nearest?lng=120.3&lat=31.57', `/tiles/grids/${tileAt(120.3, 31.57)}.mvt`, '/ogc/collections']) {
      const res = await preflight(path, 'GET');
      expect(res.status, path).toBe(204);
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(res.headers.get('access-control-allow-methods'), path).toBe('GET, HEAD');
      expect(res.headers.get('access-control-allow-credentials'), path).toBeNull();
    }
    const put = await preflight(`/api/facilities/${stationId}`, 'PUT');
    expect(put.headers.get('access-control-allow-methods')).not.toMatch(/PUT/);
    const staff = await preflight('/api/coverage/summary', 'GET');
    expect(staff.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers another site as it answers anyone signed out, even when the browser sends a staff cookie', async () => {
    const asked = async (headers: Record<string, string>) =>
      ((await (await platform.get('/api/facilities?limit=1000', { headers })).json()) as { total: number }).total;
    const signedOut = await asked({});
    const staff = await asked({ cookie: staffCookie });
    expect(staff).toBeGreaterThan(signedOut);
    expect(await asked({ cookie: staffCookie, origin: OTHER_SITE, 'sec-fetch-site': 'cross-site' })).toBe(signedOut);
    expect(await asked({ cookie: staffCookie, origin: OTHER_SITE })).toBe(signedOut);
  });

  it('keeps writes to public paths same-origin only', async () => {
    const res = await platform.get(`/api/facilities/${stationId}`, {
      method: 'DELETE',
      headers: { origin: OTHER_SITE, cookie: staffCookie },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('staff endpoints', () => {
  it('never answer another site: no CORS header, resources same-origin, signed in or not', async () => {
    for (const path of staffReads()) {
      for (const cookie of [undefined, staffCookie]) {
        const res = await platform.get(path, { headers: { origin: OTHER_SITE, ...(cookie ? { cookie } : {}) } });
        const what = `${path} ${cookie ? 'signed in' : 'signed out'} → ${res.status}`;
        expect(res.headers.get('access-control-allow-origin'), what).toBeNull();
        expect(res.headers.get('cross-origin-resource-policy'), what).toBe('same-origin');
      }
    }
  });
});
