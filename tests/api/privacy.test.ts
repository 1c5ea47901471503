import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// Member records are sensitive personal information: no anonymous response may contain any of
// their fields. The test adds a member with values that appear nowhere else and looks for them.

let platform: TestPlatform;
const NAME = '隐私测试党员甲';
const PHONE = '10098765432';
const LNG = '120.3012345';
const LAT = '31.5712345';
let gridId = 0;

beforeAll(async () => {
  platform = await startTestPlatform();
  const [row] = await platform.db.query<{ id: number }>(
    `insert into member (name, status, floating, home, phone, grid_id)
     select $1, 'probationary', true, ST_SetSRID(ST_MakePoint($3::float8, $4::float8), 4326), $2,
            (select id from grid where ST_Intersects(geom, ST_SetSRID(ST_MakePoint($3::float8, $4::float8), 4326)) limit 1)
     returning grid_id as id`,
    [NAME, PHONE, LNG, LAT],
  );
  gridId = row!.id;
});
afterAll(() => platform.close());

describe('anonymous responses', () => {
  it('never contain a member field', async () => {
    const paths = [
      '/api/health',
      '/api/regions',
      '/api/grids',
      `/api/grids/${gridId}`,
      '/api/facilities',
      '/api/auth/me',
      '/api/users',
      '/api/audit',
      `/api/members?grid=${gridId}`,
      '/api/no-such-endpoint',
      // Near the member's home (the origin is echoed back, so not exactly at it).
      `/api/nearest?lng=${Number(LNG) + 0.0001}&lat=${LAT.slice(0, 7)}&k=20`,
      `/api/locate?lng=${Number(LNG) + 0.0001}&lat=${LAT.slice(0, 7)}`,
      `/api/search?q=${encodeURIComponent('隐私')}`,
      `/api/search?q=${PHONE.slice(0, 8)}`,
    ];
    for (const path of paths) {
      const text = await (await platform.get(path)).text();
      expect(text, path).not.toContain(NAME);
      expect(text, path).not.toContain(PHONE);
      expect(text, path).not.toContain(LNG);
      expect(text, path).not.toContain(LAT);
      expect(text, path).not.toMatch(/"(status|floating|home)"\s*:\s*("(formal|probationary)"|true|false|\{)/);
    }
  });
});
