import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// A bad value in a public request — empty, NaN, Infinity, not a decimal, out of range, given
// twice — is a 400 that names the parameter, never read as 0 or as some other default.

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
});
afterAll(() => platform.close());

const NOT_A_NUMBER = ['', ' ', 'NaN', 'Infinity', '-Infinity', '1e999', 'abc', '0x10', '1,5'];

/** [the request, the parameter its answer must name]. */
const cases: [string, string][] = [
  ...NOT_A_NUMBER.flatMap((v): [string, string][] => [
    [`/api/nearest?lng=${encodeURIComponent(v)}&lat=31.57`, 'lng'],
    [`/api/nearest?lng=120.3&lat=${encodeURIComponent(v)}`, 'lat'],
    [`/api/nearest?lng=120.3&lat=31.57&k=${encodeURIComponent(v)}`, 'k'],
    [`/api/locate?lng=${encodeURIComponent(v)}&lat=31.57`, 'lng'],
    [`/api/search?q=党群&limit=${encodeURIComponent(v)}`, 'limit'],
    [`/api/facilities?limit=${encodeURIComponent(v)}`, 'limit'],
    [`/api/facilities?offset=${encodeURIComponent(v)}`, 'offset'],
  ]),
  ['/api/nearest?lng=&lat=', 'lng'],
  ['/api/nearest?lng=&lat=', 'lat'],
  ['/api/nearest?lng=120.3', 'lat'],
  ['/api/nearest?lng=120.3&lng=120.4&lat=31.57', 'lng'],
  ['/api/nearest?lng=120.3&lat=31.57&k=3&k=4', 'k'],
  ['/api/nearest?lng=181&lat=31.57', 'lng'],
  ['/api/nearest?lng=120.3&lat=-90.5', 'lat'],
  ['/api/nearest?lng=120.3&lat=31.57&k=0', 'k'],
  ['/api/nearest?lng=120.3&lat=31.57&k=-3', 'k'],
  ['/api/nearest?lng=120.3&lat=31.57&k=2.5', 'k'],
  ['/api/nearest?lng=120.3&lat=31.57&crs=', 'crs'],
  ['/api/nearest?lng=120.3&lat=31.57&kind=', 'kind'],
  ['/api/nearest/open-state?ids=', 'ids'],
  ['/api/nearest/open-state?ids=1,NaN', 'ids.1'],
  ['/api/locate?lng=120.3&lat=', 'lat'],
  ['/api/locate?lng=120.3&lat=91', 'lat'],
  ['/api/search?q=', 'q'],
  ['/api/search?q=党群&limit=0', 'limit'],
  ['/api/facilities?limit=0', 'limit'],
  ['/api/facilities?offset=-1', 'offset'],
  ['/api/facilities?offset=2.5', 'offset'],
  ['/api/facilities?offset=99999999999', 'offset'],
  ['/api/facilities?bbox=', 'bbox'],
  ['/api/facilities?bbox=120,31,NaN,32', 'bbox'],
  ['/api/facilities?bbox=120,31,Infinity,32', 'bbox'],
  ['/api/facilities?region=', 'region'],
  ['/api/facilities/NaN', 'id'],
  ['/api/facilities/0', 'id'],
  ['/api/facilities/1e3', 'id'],
  ['/api/facilities/Infinity', 'id'],
  ['/api/facilities/99999999999', 'id'],
  ['/api/regions?level=', 'level'],
  ['/api/regions?code=', 'code'],
  ['/api/grids?bbox=', 'bbox'],
  ['/api/grids?bbox=120,31,121,NaN', 'bbox'],
  ['/api/grids?community=', 'community'],
  ['/api/grids/NaN', 'id'],
  ['/api/grids/-1', 'id'],
  ['/api/grids/0x10', 'id'],
  ['/api/grids/Infinity', 'id'],
  ['/tiles/grids/NaN/0/0.mvt', 'z'],
  ['/tiles/grids/1e1/0/0.mvt', 'z'],
  ['/tiles/grids/0x1/0/0.mvt', 'z'],
  ['/tiles/grids/23/0/0.mvt', 'z'],
  ['/tiles/grids/Infinity/0/0.mvt', 'z'],
  ['/tiles/grids/1/-1/0.mvt', 'x'],
  ['/tiles/grids/1/0/1.5.mvt', 'y'],
];

describe('bad query values in the public API', () => {
  it.each(cases)('%s → 400 naming %s', async (path, parameter) => {
    const res = await platform.get(path);
    const body = (await res.json()) as { error: { code: string; message: string; details?: { fields?: { field: string }[] } } };
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.details?.fields?.map((f) => f.field), body.error.message).toContain(parameter);
    expect(body.error.message).toContain(parameter);
  });

  it('still answers the same values written as plain decimals', async () => {
    for (const path of [
      '/api/nearest?lng=120.30&lat=31.57&k=3',
      '/api/nearest?lng=%2B120.3&lat=31.570&k=03',
      '/api/locate?lng=120.3&lat=31.57',
      '/api/search?q=党群&limit=5',
      '/api/facilities?limit=5&offset=0',
      '/api/facilities?limit=100000',
    ]) {
      expect((await platform.get(path)).status, path).toBe(200);
    }
    const three = (await (await platform.get('/api/nearest?lng=%2B120.3&lat=31.570&k=03')).json()) as { results: unknown[] };
    expect(three.results).toHaveLength(3);
  });
});
