import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

describe('GET /api/health', () => {
  it('reports the driver and the PostGIS version', async () => {
    const res = await platform.get('/api/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; db: { driver: string; postgis: string } };
    expect(body.status).toBe('ok');
    expect(body.db.driver).toBe(platform.driver);
    expect(body.db.postgis).toMatch(/^3\.\d+\.\d+/);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await platform.get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('NOT_FOUND');
  });

  it('answers a malformed JSON body with 400, not 500', async () => {
    const res = await platform.get('/api/grids', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('MALFORMED_JSON');
  });
});
