import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { balanceFixture, tiling, type BalanceFixture } from '../support/balance-fixture.ts';
import { buildingGrid } from '../support/test-buildings.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

interface Move { from: { id: number } | null; to: { id: number } | null; buildings: number; households: number; population: number }
interface MovesAnswer {
  valid?: boolean;
  changesetId?: number;
  features: { properties: { id: number; version: number; households: number } }[];
  impact: { moves: Move[]; grids: { id: number; households: number; range: string }[] };
}

let platform: TestPlatform;
let planner: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
});
afterAll(() => platform.close());

const post = (path: string, body: unknown, cookie = planner) => send(platform, 'POST', path, cookie, body);

/** Two strips, 4 × 4 buildings of 100 households: 800 a grid. */
const twoStrips = () => balanceFixture(platform, planner, { columns: 2, perRow: 4, rows: 4, households: () => 100 });

async function versions(f: BalanceFixture): Promise<Record<string, number>> {
  const rows = await platform.db.query<{ id: number; version: number }>('select id, version from grid where community_code = $1 and valid_to is null', [f.community.code]);
  return Object.fromEntries(rows.map((r) => [String(r.id), r.version]));
}

/** The buildings of the west strip that stand next to the east one (third column of four). */
const borderBuildings = (f: BalanceFixture) => f.buildings.filter((_, i) => i % 4 === 1);

const sortMoves = (moves: Move[]) => moves.map((m) => ({ from: m.from?.id, to: m.to?.id, buildings: m.buildings, households: m.households, population: m.population }))
  .sort((a, b) => `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`));

describe('assign by building', () => {
  it('moves buildings to the neighbouring grid, keeps the community tiled, and the preview equals the save', async () => {
    const f = await twoStrips();
    const [west, east] = f.grids as [number, number];
    const moving = borderBuildings(f);
    const body = { moves: moving.map((b) => ({ buildingId: b, toGridId: east })), gridVersions: await versions(f), note: '按楼栋调整' };

    const previewRes = await post(`/api/communities/${f.community.code}/building-moves/preview`, body);
    expect(previewRes.status, await previewRes.clone().text()).toBe(200);
    const preview = (await previewRes.json()) as MovesAnswer;
    expect(preview.valid).toBe(true);
    // Nothing saved by the preview.
    expect(await buildingGrid(platform, moving[0]!)).toBe(west);

    const saveRes = await post(`/api/communities/${f.community.code}/building-moves`, body);
    expect(saveRes.status, await saveRes.clone().text()).toBe(201);
    const saved = (await saveRes.json()) as MovesAnswer;
    expect(sortMoves(saved.impact.moves)).toEqual(sortMoves(preview.impact.moves));
    const move = saved.impact.moves.find((m) => m.from?.id === west && m.to?.id === east)!;
    expect(move.buildings).toBe(4);
    expect(move.households).toBe(400);
    for (const b of moving) expect(await buildingGrid(platform, b)).toBe(east);
    const households = Object.fromEntries(saved.features.map((x) => [x.properties.id, x.properties.households]));
    expect(households).toEqual({ [west]: 400, [east]: 1200 });

    const t = await tiling(platform, f.community.code);
    expect(Math.abs(t.covered - t.community) / t.community).toBeLessThan(0.001);
    expect(t.overlap).toBeLessThan(1);
    expect(t.invalid).toBe(0);
    expect(t.multipart).toBe(0);

    // History: one 'assign' version per grid with the exact households; one audit entry per grid.
    for (const [id, expected] of [[west, 400], [east, 1200]] as const) {
      const history = (await (await send(platform, 'GET', `/api/grids/${id}/history`, planner)).json()) as { versions: { changeKind: string; households: number; changesetId: number }[] };
      const assigns = history.versions.filter((v) => v.changesetId === saved.changesetId);
      expect(assigns).toHaveLength(1);
      expect(assigns[0]!.changeKind).toBe('assign');
      expect(assigns[0]!.households).toBe(expected);
    }
    const audit = await platform.db.query<{ entity_ids: string[] }>(
      `select entity_ids from audit_log where action = 'grid.assign' and entity_ids && $1::text[]`, [[String(west), String(east)]],
    );
    expect(audit.map((a) => a.entity_ids).sort()).toEqual([[String(west)], [String(east)]].sort());
  });

  it('refuses stale versions with 409 and saves nothing', async () => {
    const f = await twoStrips();
    const v = await versions(f);
    const stale = { ...v, [String(f.grids[0])]: v[String(f.grids[0])]! - 1 + 5 };
    const res = await post(`/api/communities/${f.community.code}/building-moves`, {
      moves: [{ buildingId: borderBuildings(f)[0], toGridId: f.grids[1] }], gridVersions: stale, note: '过期版本',
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VERSION_CONFLICT');
    expect(await buildingGrid(platform, borderBuildings(f)[0]!)).toBe(f.grids[0]);
  });

  it('refuses a move to a grid that does not border the building, an unknown building and one of another community (422)', async () => {
    const f = await balanceFixture(platform, planner, { columns: 3, perRow: 6, rows: 2, households: () => 50 });
    const other = await twoStrips();
    const v = await versions(f);
    const url = `/api/communities/${f.community.code}/building-moves`;
    const far = await post(url, { moves: [{ buildingId: f.buildings[0], toGridId: f.grids[2] }], gridVersions: v, note: '不相邻' });
    expect(far.status).toBe(422);
    expect(((await far.json()) as { error: { code: string } }).error.code).toBe('MOVE_NOT_ADJACENT');
    const unknown = await post(url, { moves: [{ buildingId: 2_000_000_000, toGridId: f.grids[1] }], gridVersions: v, note: '没有楼栋' });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('BUILDING_NOT_FOUND');
    const foreign = await post(url, { moves: [{ buildingId: other.buildings[0], toGridId: f.grids[1] }], gridVersions: v, note: '别的社区' });
    expect(foreign.status).toBe(422);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('BUILDING_NOT_IN_COMMUNITY');
    expect(await versions(f)).toEqual(v);
  });

  it('refuses a move that would cut a grid in two (preview lists it, save is 422)', async () => {
    const f = await balanceFixture(platform, planner, { columns: 2, perRow: 2, rows: 3, households: () => 50 });
    // The middle building of the west column: taking its cell to the east cuts the west strip.
    const middle = f.buildings[2]!;
    const body = { moves: [{ buildingId: middle, toGridId: f.grids[1] }], gridVersions: await versions(f), note: '切断网格' };
    const preview = (await (await post(`/api/communities/${f.community.code}/building-moves/preview`, body)).json()) as { valid: boolean; violations: { code: string }[] };
    expect(preview.valid).toBe(false);
    expect(preview.violations.map((x) => x.code)).toContain('NOT_CONTIGUOUS');
    const res = await post(`/api/communities/${f.community.code}/building-moves`, body);
    expect(res.status).toBe(422);
  });

  it('is refused to a leader and to the public', async () => {
    const f = await twoStrips();
    const leader = await signIn(platform, await makeAccount(platform, 'leader', '320213'));
    const body = { moves: [{ buildingId: borderBuildings(f)[0], toGridId: f.grids[1] }], gridVersions: await versions(f), note: '无权' };
    expect((await post(`/api/communities/${f.community.code}/building-moves`, body, leader)).status).toBe(403);
    expect((await send(platform, 'POST', `/api/communities/${f.community.code}/building-moves`, undefined, body)).status).toBe(401);
    expect((await send(platform, 'POST', `/api/communities/${f.community.code}/building-moves/preview`, undefined, body)).status).toBe(401);
  });
});
