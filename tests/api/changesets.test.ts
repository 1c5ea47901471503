import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import type { Changeset, EditResponse, RevertPreview, RevertResponse } from '../../server/src/contract/grids.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { featureCollection, uploadImport } from '../support/import-fixtures.ts';
import { addMember, makeCommunity, memberGrid, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: { grids?: { id: number; code: string }[] } };
}

let platform: TestPlatform;
let planner: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
});
afterAll(() => platform.close());

const post = (path: string, body: unknown, cookie = planner) => send(platform, 'POST', path, cookie, body);
const get = (path: string, cookie = planner) => send(platform, 'GET', path, cookie);

async function create(c: TestCommunity, geometry: Polygon, name: string): Promise<number> {
  const res = await post('/api/grids', { type: 'Feature', geometry, properties: { name, communityCode: c.code, households: 300 }, note: '测试新建' });
  expect(res.status, await res.clone().text()).toBe(201);
  return Number(((await res.json()) as EditResponse).feature.properties.id);
}

/** Three grids side by side (west 0–0.4, middle 0.4–0.7, east 0.7–1), members near both inner borders. */
async function threeGrids() {
  const c = await makeCommunity(platform);
  const west = await create(c, c.rect(0, 0, 0.4, 1), '西网格');
  const middle = await create(c, c.rect(0.4, 0, 0.7, 1), '中网格');
  const east = await create(c, c.rect(0.7, 0, 1, 1), '东网格');
  const members = [
    await addMember(platform, c.at(0.2, 0.5)),
    await addMember(platform, c.at(0.35, 0.5)),
    await addMember(platform, c.at(0.5, 0.5)),
    await addMember(platform, c.at(0.75, 0.5)),
  ];
  return { c, ids: [west, middle, east], members };
}

/** The middle grid widened over both neighbours (0.3–0.8), the neighbours' borders moved with it. */
async function widenMiddle(c: TestCommunity, middle: number): Promise<EditResponse> {
  const res = await send(platform, 'PUT', `/api/grids/${middle}`, planner, {
    type: 'Feature', geometry: c.rect(0.3, 0, 0.8, 1), properties: { version: 1 }, adjustNeighbours: true, note: '调整边界',
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as EditResponse;
}

async function shapes(ids: number[]): Promise<string[]> {
  const rows = await platform.db.query<{ geom: string }>('select ST_AsEWKT(geom) as geom from grid where id = any ($1) order by id', [ids]);
  return rows.map((r) => r.geom);
}

async function versions(ids: number[]): Promise<number[]> {
  const rows = await platform.db.query<{ version: number }>('select version from grid where id = any ($1) order by id', [ids]);
  return rows.map((r) => r.version);
}

async function differenceSqm(a: string, id: number): Promise<number> {
  const [row] = await platform.db.query<{ d: number }>(
    'select ST_Area(ST_SymDifference(ST_GeomFromEWKT($1), geom)::geography) as d from grid where id = $2',
    [a, id],
  );
  return row!.d;
}

describe('changesets', () => {
  it('an adjust-neighbours edit is one changeset naming all three grids, and its revert gives every geometry and member back', async () => {
    const { c, ids, members } = await threeGrids();
    const before = await shapes(ids);
    const membersBefore = await Promise.all(members.map((m) => memberGrid(platform, m)));
    const edit = await widenMiddle(c, ids[1]!);
    expect(edit.changesetId).toBeGreaterThan(0);
    expect(await Promise.all(members.map((m) => memberGrid(platform, m)))).not.toEqual(membersBefore);

    const listed = (await (await get(`/api/changesets?grid=${ids[0]}`)).json()) as Changeset[];
    expect(listed[0]).toMatchObject({ id: edit.changesetId, kind: 'update', note: '调整边界', revertedBy: null });
    expect(listed[0]!.grids.map((g) => [g.id, g.versionBefore, g.versionAfter])).toEqual(ids.map((id) => [id, 1, 2]));

    const res = await post(`/api/changesets/${edit.changesetId}/revert`, { note: '边界调错了，整体撤销' });
    expect(res.status, await res.clone().text()).toBe(200);
    const reverted = (await res.json()) as RevertResponse;
    expect(reverted.features.map((f) => Number(f.properties.id)).sort()).toEqual([...ids].sort());
    expect(reverted.retired).toEqual([]);
    for (const [i, id] of ids.entries()) expect(await differenceSqm(before[i]!, id)).toBeLessThan(1);
    expect(await Promise.all(members.map((m) => memberGrid(platform, m)))).toEqual(membersBefore);
    expect(await versions(ids)).toEqual([3, 3, 3]);

    const after = (await (await get(`/api/changesets?grid=${ids[2]}`)).json()) as Changeset[];
    expect(after[0]).toMatchObject({ id: reverted.changesetId, kind: 'revert', reverts: edit.changesetId });
    expect(after.find((cs) => cs.id === edit.changesetId)?.revertedBy).toBe(reverted.changesetId);
    const history = (await (await get(`/api/grids/${ids[1]}/history`)).json()) as { versions: { version: number; changesetId: number | null }[] };
    expect(history.versions.map((v) => v.changesetId)).toEqual([reverted.changesetId, edit.changesetId, expect.any(Number)]);
  });

  it('a revert after a later edit of one of the grids is refused with 409 naming that grid, and nothing changes', async () => {
    const { c, ids } = await threeGrids();
    const edit = await widenMiddle(c, ids[1]!);
    const later = await send(platform, 'PUT', `/api/grids/${ids[2]}`, planner, { type: 'Feature', geometry: null, properties: { name: '东网格（改名）', version: 2 }, note: '改名' });
    expect(later.status).toBe(200);
    const state = [await shapes(ids), await versions(ids)];

    for (const path of [`/api/changesets/${edit.changesetId}/revert`, `/api/changesets/${edit.changesetId}/revert/preview`]) {
      const res = await post(path, { note: '整体撤销' });
      expect(res.status).toBe(409);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe('CHANGESET_CONFLICT');
      expect(body.error.details!.grids!.map((g) => g.id)).toEqual([ids[2]]);
      expect(body.error.message).toContain(`${c.code}003`);
    }
    expect([await shapes(ids), await versions(ids)]).toEqual(state);
  });

  it('the preview shows the revert without saving it', async () => {
    const { c, ids } = await threeGrids();
    const edit = await widenMiddle(c, ids[1]!);
    const state = [await shapes(ids), await versions(ids)];
    const res = await post(`/api/changesets/${edit.changesetId}/revert/preview`, {});
    expect(res.status).toBe(200);
    const preview = (await res.json()) as RevertPreview;
    if (!preview.valid) throw new Error(JSON.stringify(preview.violations));
    expect(preview.features).toHaveLength(3);
    expect(preview.features.map((f) => f.properties.version)).toEqual([3, 3, 3]);
    expect([await shapes(ids), await versions(ids)]).toEqual(state);
  });

  it('reverting a split retires the new grid and gives the old one its shape; reverting a merge brings the absorbed grid back', async () => {
    const c = await makeCommunity(platform);
    const whole = await create(c, c.rect(0, 0, 1, 1), '整网格');
    const [before] = await shapes([whole]);
    const member = await addMember(platform, c.at(0.2, 0.5));
    // The larger piece (east, 0.6 of the width) keeps the grid; the west piece becomes a new one.
    const line = { type: 'LineString', coordinates: [c.at(0.4, -0.1), c.at(0.4, 1.1)] };
    const split = await post(`/api/grids/${whole}/split`, { line, note: '一分为二', version: 1 });
    expect(split.status, await split.clone().text()).toBe(201);
    const { changesetId, neighbours } = (await split.json()) as EditResponse;
    const piece = Number(neighbours[0]!.properties.id);
    expect(await memberGrid(platform, member)).toBe(piece);
    // The new grid gets its own Party branch.
    const [branch] = await platform.db.query<{ id: number }>("insert into party_org (name, kind, grid_id) values ('西片党支部', 'branch', $1) returning id", [piece]);
    const branchGrid = async () => (await platform.db.query<{ grid_id: number }>('select grid_id from party_org where id = $1', [branch!.id]))[0]!.grid_id;

    const res = await post(`/api/changesets/${changesetId}/revert`, { note: '不拆了' });
    expect(res.status, await res.clone().text()).toBe(200);
    const reverted = (await res.json()) as RevertResponse;
    expect(reverted.retired.map((g) => g.id)).toEqual([piece]);
    expect(await differenceSqm(before!, whole)).toBeLessThan(1);
    expect(await memberGrid(platform, member)).toBe(whole);
    // The branch goes with the area to the grid brought back, not left on the retired one.
    expect(await branchGrid()).toBe(whole);

    const shrink = await send(platform, 'PUT', `/api/grids/${whole}`, planner, { type: 'Feature', geometry: c.rect(0, 0, 0.5, 1), properties: { version: 3 }, note: '缩小' });
    expect(shrink.status, await shrink.clone().text()).toBe(200);
    const other = await create(c, c.rect(0.5, 0, 1, 1), '东半');
    const eastern = await addMember(platform, c.at(0.8, 0.5));
    expect(await memberGrid(platform, eastern)).toBe(other);
    const merge = await post('/api/grids/merge', { ids: [whole, other], versions: [4, 1], note: '合并' });
    expect(merge.status, await merge.clone().text()).toBe(200);
    expect(await memberGrid(platform, eastern)).toBe(whole);
    const unmerge = await post(`/api/changesets/${((await merge.json()) as EditResponse).changesetId}/revert`, { note: '不合并了' });
    expect(unmerge.status, await unmerge.clone().text()).toBe(200);
    expect(((await unmerge.json()) as RevertResponse).features.map((f) => Number(f.properties.id)).sort()).toEqual([whole, other].sort());
    expect(await memberGrid(platform, eastern)).toBe(other);
  });

  it('an import is one changeset: its revert retires every grid it created', async () => {
    const c = await makeCommunity(platform);
    const file = featureCollection([c.rect(0, 0, 0.5, 1), c.rect(0.5, 0, 1, 1)].map((geometry, i) => ({ geometry, properties: { name: `导入网格${i + 1}` } })));
    const imported = await uploadImport(platform, 'grids', 'grids.geojson', file, { mode: 'commit' }, planner);
    expect(imported.status, await imported.clone().text()).toBe(200);
    const ids = (await platform.db.query<{ id: number }>('select id from grid where community_code = $1 order by id', [c.code])).map((r) => r.id);
    const [changeset] = (await (await get(`/api/changesets?grid=${ids[0]}`)).json()) as Changeset[];
    expect(changeset).toMatchObject({ kind: 'import', note: '导入 grids.geojson' });
    expect(changeset!.grids.map((g) => [g.id, g.versionBefore])).toEqual(ids.map((id) => [id, null]));

    const res = await post(`/api/changesets/${changeset!.id}/revert`, { note: '导错了' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as RevertResponse).retired.map((g) => g.id)).toEqual(ids);
    expect(await platform.db.query('select id from grid where community_code = $1 and valid_to is null', [c.code])).toEqual([]);
  });

  it('is refused to a leader, outside the planner scope, for an unknown changeset and without a note', async () => {
    const { c, ids } = await threeGrids();
    const { changesetId } = await widenMiddle(c, ids[1]!);
    const leader = await signIn(platform, await makeAccount(platform, 'leader', '320213'));
    const elsewhere = await signIn(platform, await makeAccount(platform, 'planner', '320213021'));
    expect((await get(`/api/changesets?grid=${ids[0]}`, leader)).status).toBe(200);
    expect((await post(`/api/changesets/${changesetId}/revert`, { note: '撤销' }, leader)).status).toBe(403);
    expect((await post(`/api/changesets/${changesetId}/revert`, { note: '撤销' }, elsewhere)).status).toBe(403);
    expect((await get(`/api/changesets?grid=${ids[0]}`, elsewhere)).status).toBe(403);
    expect((await post('/api/changesets/999999/revert', { note: '撤销' })).status).toBe(404);
    expect((await post(`/api/changesets/${changesetId}/revert`, {})).status).toBe(400);
    expect((await get('/api/changesets?grid=abc')).status).toBe(400);
    expect(await versions(ids)).toEqual([2, 2, 2]);
  });
});
