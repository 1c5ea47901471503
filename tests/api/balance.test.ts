import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { balanceFixture, tiling } from '../support/balance-fixture.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
let planner: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
});
afterAll(() => platform.close());

const req = (method: string, path: string, body?: unknown) => send(platform, method, path, planner, body);

describe('community balance and size targets', () => {
  it('shows each grid against the target; a street target is inherited by its communities; bad targets are 422', async () => {
    // West strip 4 × 2 buildings of 100 (800), east 4 × 2 of 50 (400).
    const f = await balanceFixture(platform, planner, { columns: 2, perRow: 4, rows: 4, households: (_i, x) => (x < 0.5 ? 100 : 50) });
    const res = await req('GET', `/api/communities/${f.community.code}/balance`);
    expect(res.status).toBe(200);
    const balance = (await res.json()) as { householdsSource: string; households: number; evenShare: number; outOfRange: number; maxDeviation: number; grids: { id: number; households: number; range: string; deviation: number; compactness: number }[] };
    expect(balance.householdsSource).toBe('buildings');
    expect(balance.households).toBe(1200);
    expect(balance.evenShare).toBe(600);
    expect(balance.grids.map((g) => [g.households, g.range])).toEqual([[800, 'above'], [400, 'within']]);
    expect(balance.outOfRange).toBe(1);
    expect(balance.maxDeviation).toBeCloseTo(1 / 3, 5);
    // A strip of half a square: Polsby–Popper π·2/9 ≈ 0.70 (on geography, close to it).
    expect(balance.grids[0]!.compactness).toBeGreaterThan(0.6);
    expect(balance.grids[0]!.compactness).toBeLessThan(0.8);

    const street = f.community.code.slice(0, 9);
    const put = await req('PUT', `/api/regions/${street}/size-target`, { min: 200, max: 900, maxDeviation: 0.5 });
    expect(put.status, await put.clone().text()).toBe(200);
    const inherited = (await (await req('GET', `/api/regions/${f.community.code}/size-target`)).json()) as { min: number; max: number; from: string };
    expect(inherited).toMatchObject({ min: 200, max: 900, from: street });
    const after = (await (await req('GET', `/api/communities/${f.community.code}/balance`)).json()) as { outOfRange: number };
    expect(after.outOfRange).toBe(0);
    const [audit] = await platform.db.query<{ n: number }>(`select count(*)::integer as n from audit_log where action = 'size-target.update' and $1 = any (entity_ids)`, [street]);
    expect(audit!.n).toBe(1);

    for (const bad of [{ min: 500, max: 300, maxDeviation: 0.2 }, { min: -1, max: 300, maxDeviation: 0.2 }, { min: 1, max: 300, maxDeviation: 0 }, { min: 1, max: 300, maxDeviation: 1.5 }, { min: 1, max: 5_000_000, maxDeviation: 0.2 }]) {
      const r = await req('PUT', `/api/regions/${street}/size-target`, bad);
      expect(r.status).toBe(422);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('BAD_TARGET');
    }
    const leader = await signIn(platform, await makeAccount(platform, 'leader', '320213'));
    expect((await send(platform, 'PUT', `/api/regions/${street}/size-target`, leader, { min: 1, max: 2, maxDeviation: 0.2 })).status).toBe(403);
  });

  it('rebalances a deliberately unbalanced community into range, keeping every grid whole, and accepting it is one edit per grid', async () => {
    // Three strips: 6 × 4 buildings; the west strip (8 buildings of 60: 480) is above the 250–450 target, the others (8 of 30: 240) below.
    const f = await balanceFixture(platform, planner, { columns: 3, perRow: 6, rows: 4, households: (_i, x) => (x < 1 / 3 ? 60 : 30) });
    await req('PUT', `/api/regions/${f.community.code}/size-target`, { min: 250, max: 450, maxDeviation: 0.5 });
    const res = await req('POST', `/api/communities/${f.community.code}/rebalance`, {});
    expect(res.status, await res.clone().text()).toBe(200);
    const proposal = (await res.json()) as { reachesRange: boolean; moves: { buildingId: number; toGridId: number }[]; grids: { id: number; householdsAfter: number; rangeAfter: string }[]; gridVersions: Record<string, number> };
    expect(proposal.reachesRange, JSON.stringify({ moves: proposal.moves, grids: proposal.grids })).toBe(true);
    expect(proposal.moves.length).toBeGreaterThan(0);
    const accept = await req('POST', `/api/communities/${f.community.code}/building-moves`, {
      moves: proposal.moves.map((m) => ({ buildingId: m.buildingId, toGridId: m.toGridId })), gridVersions: proposal.gridVersions, note: '平衡网格规模', kind: 'rebalance',
    });
    expect(accept.status, await accept.clone().text()).toBe(201);
    const saved = (await accept.json()) as { changesetId: number; features: { properties: { id: number; households: number } }[] };
    for (const feature of saved.features) {
      expect(feature.properties.households).toBe(proposal.grids.find((g) => g.id === feature.properties.id)!.householdsAfter);
    }
    const versions = await platform.db.query<{ grid_id: number; n: number }>(
      'select grid_id, count(*)::integer as n from grid_version where changeset_id = $1 group by grid_id', [saved.changesetId],
    );
    expect(versions.every((v) => v.n === 1)).toBe(true);
    expect(versions).toHaveLength(saved.features.length);
    const t = await tiling(platform, f.community.code);
    expect(t.multipart).toBe(0);
    expect(t.invalid).toBe(0);
    expect(Math.abs(t.covered - t.community) / t.community).toBeLessThan(0.001);
  });
});
