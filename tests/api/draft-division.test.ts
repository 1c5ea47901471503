import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { balanceFixture, tiling } from '../support/balance-fixture.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

interface Draft {
  k: number;
  grids: { code: string; households: number; range: string; buildingIds: number[] }[];
  features: { features: { geometry: { type: string; coordinates: unknown[] } }[] };
  replaces: unknown[];
}

let platform: TestPlatform;
let planner: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
});
afterAll(() => platform.close());

const post = (path: string, body: unknown) => send(platform, 'POST', path, planner, body);

describe('first-draft division', () => {
  it('proposes k contiguous grids in range that tile the community, saves nothing, and accepting creates them in code order', async () => {
    // 6 × 6 buildings of 50 households: 1,800 households.
    const f = await balanceFixture(platform, planner, { columns: 0, perRow: 6, rows: 6, households: () => 50, name: (i) => `${i % 2 ? '东苑' : '西苑'}${i + 1}幢` });
    const res = await post(`/api/communities/${f.community.code}/draft-division`, {});
    expect(res.status, await res.clone().text()).toBe(200);
    const draft = (await res.json()) as Draft;
    // k from the 300–500 target: 1,800 households make 4 or 5 grids.
    expect([4, 5]).toContain(draft.k);
    expect(draft.grids.map((g) => g.code)).toEqual(Array.from({ length: draft.k }, (_, i) => `${f.community.code}00${i + 1}`));
    for (const g of draft.grids) expect(g.range).toBe('within');
    expect(draft.grids.flatMap((g) => g.buildingIds).sort((a, b) => a - b)).toEqual([...f.buildings].sort((a, b) => a - b));
    for (const feature of draft.features.features) expect(feature.geometry.coordinates).toHaveLength(1);
    // Nothing saved by the proposal.
    const [none] = await platform.db.query<{ n: number }>('select count(*)::integer as n from grid where community_code = $1', [f.community.code]);
    expect(none!.n).toBe(0);

    const accept = await post(`/api/communities/${f.community.code}/draft-division/accept`, {
      grids: draft.grids.map((g) => ({ buildingIds: g.buildingIds })), gridVersions: {}, note: '初稿划分',
    });
    expect(accept.status, await accept.clone().text()).toBe(201);
    const grids = await platform.db.query<{ code: string; households: number }>(
      'select code, households from grid where community_code = $1 and valid_to is null order by code', [f.community.code],
    );
    expect(grids.map((g) => g.code)).toEqual(draft.grids.map((g) => g.code));
    expect(grids.map((g) => g.households)).toEqual(draft.grids.map((g) => g.households));
    const t = await tiling(platform, f.community.code);
    expect(Math.abs(t.covered - t.community) / t.community).toBeLessThan(0.001);
    expect(t.overlap).toBeLessThan(1);
    expect(t.invalid).toBe(0);
    expect(t.multipart).toBe(0);
  });

  it('refuses an impossible k (BAD_K) and an acceptance that leaves a building out (DRAFT_INCOMPLETE)', async () => {
    const f = await balanceFixture(platform, planner, { columns: 0, perRow: 2, rows: 2, households: () => 100 });
    const bad = await post(`/api/communities/${f.community.code}/draft-division`, { k: 9 });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_K');
    const incomplete = await post(`/api/communities/${f.community.code}/draft-division/accept`, {
      grids: [{ buildingIds: f.buildings.slice(0, 3) }], gridVersions: {}, note: '缺楼栋',
    });
    expect(incomplete.status).toBe(422);
    expect(((await incomplete.json()) as { error: { code: string } }).error.code).toBe('DRAFT_INCOMPLETE');
  });
});
