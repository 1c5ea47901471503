import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunityBalance, RebalanceProposal, BuildingMovesResponse } from '../../server/src/contract/buildings.ts';
import type { GridHistory } from '../../server/src/contract/grids.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// The demo's 胜利门社区 through the API, as a planner of that community meets it: two grids over
// 500 households, a rebalance proposal that brings every grid into range, and accepting it as one
// edit per changed grid with exact figures in the history.

const SHENGLIMEN = '320213021001';
let platform: TestPlatform;
let planner: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', SHENGLIMEN));
});
afterAll(() => platform.close());

const req = (method: string, path: string, body?: unknown) => send(platform, method, path, planner, body);

describe('rebalancing 胜利门社区', () => {
  it('proposes building moves that bring both large grids into range, and accepting them is one edit per grid with exact figures', async () => {
    const before = (await (await req('GET', `/api/communities/${SHENGLIMEN}/balance`)).json()) as CommunityBalance;
    expect(before.householdsSource).toBe('buildings');
    expect(before.grids.filter((g) => g.range === 'above')).toHaveLength(2);

    const res = await req('POST', `/api/communities/${SHENGLIMEN}/rebalance`, {});
    expect(res.status, await res.clone().text()).toBe(200);
    const proposal = (await res.json()) as RebalanceProposal;
    expect(proposal.reachesRange).toBe(true);
    expect(proposal.moves.length).toBeGreaterThan(0);
    expect(proposal.grids.every((g) => g.rangeAfter === 'within')).toBe(true);
    // Nothing is saved by the proposal.
    const unchanged = (await (await req('GET', `/api/communities/${SHENGLIMEN}/balance`)).json()) as CommunityBalance;
    expect(unchanged.grids.map((g) => g.households)).toEqual(before.grids.map((g) => g.households));

    const accepted = await req('POST', `/api/communities/${SHENGLIMEN}/building-moves`, {
      moves: proposal.moves.map(({ buildingId, toGridId }) => ({ buildingId, toGridId })),
      gridVersions: proposal.gridVersions,
      note: '网格规模平衡',
      kind: 'rebalance',
    });
    expect(accepted.status, await accepted.clone().text()).toBe(201);
    const saved = (await accepted.json()) as BuildingMovesResponse;

    const after = (await (await req('GET', `/api/communities/${SHENGLIMEN}/balance`)).json()) as CommunityBalance;
    expect(after.outOfRange).toBe(0);
    expect(after.households).toBe(before.households);
    const changed = proposal.grids.filter((g) => g.householdsAfter !== g.householdsBefore);
    expect(saved.features.map((f) => f.properties.id).sort()).toEqual(changed.map((g) => g.id).sort());
    for (const grid of changed) {
      expect(after.grids.find((g) => g.id === grid.id)!.households).toBe(grid.householdsAfter);
      const history = (await (await req('GET', `/api/grids/${grid.id}/history`)).json()) as GridHistory;
      expect(history.versions[0]).toMatchObject({ changeKind: 'assign', households: grid.householdsAfter, note: '网格规模平衡', changesetId: saved.changesetId });
      expect(history.versions[1]!.households).toBe(grid.householdsBefore);
    }
    const [audit] = await platform.db.query<{ n: number }>(
      `select count(*)::integer as n from audit_log where action = 'grid.rebalance' and details->>'note' = '网格规模平衡'`,
    );
    expect(audit!.n).toBe(changed.length);
  });
});
