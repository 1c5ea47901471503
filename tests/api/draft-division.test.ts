import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { balanceFixture, tiling } from '../support/balance-fixture.ts';
import { insertCase } from '../support/civic-cases.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

interface Draft {
  k: number;
  grids: { code: string; name: string; households: number; range: string; buildingIds: number[] }[];
  features: { features: { geometry: { type: string; coordinates: unknown[] } }[] };
  replaces: { id: number; code: string; name: string }[];
}

interface CurrentGrid {
  id: number;
  code: string;
  name: string;
  version: number;
  households: number;
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

// 重新划分 over a demo community that already has grids, members, a facility and Party
// organisations (320213022011: 5 grids, 34 buildings, 1,896 households; this file's database copy).
const REDRAW = '320213022011';

async function currentGrids(communityCode: string): Promise<CurrentGrid[]> {
  return platform.db.query<CurrentGrid>(
    'select id, code, name, version, households from grid where community_code = $1 and valid_to is null order by code', [communityCode],
  );
}

/** Every row that says where things stand: a proposal must leave all of it as it was. */
async function savedState(communityCode: string) {
  const [row] = await platform.db.query<{ grids: number; versions: number; changesets: number; audits: number; buildings: string }>(
    `select (select count(*)::integer from grid where community_code = $1) as grids,
            (select count(*)::integer from grid_version where community_code = $1) as versions,
            (select count(*)::integer from changeset) as changesets,
            (select count(*)::integer from audit_log) as audits,
            (select string_agg(id || ':' || coalesce(grid_id::text, '-'), ',' order by id) from building where community_code = $1) as buildings`,
    [communityCode],
  );
  return { ...row!, current: await currentGrids(communityCode) };
}

/** Members and facilities of the community's grids (current or not), by the grid they are in. */
async function peopleAndPlaces(gridIds: number[]) {
  return platform.db.query<{ kind: string; id: number; gridId: number | null; inside: number | null }>(
    `select 'member' as kind, m.id, m.grid_id as "gridId",
            (select g.id from grid g where g.valid_to is null and ST_Intersects(g.geom, m.home) order by g.id limit 1) as inside
     from member m where m.grid_id = any ($1::integer[])
     union all
     select 'facility', f.id, f.grid_id,
            (select g.id from grid g where g.valid_to is null and ST_Intersects(g.geom, f.geom) order by g.id limit 1)
     from facility f where f.grid_id = any ($1::integer[])
     order by 1, 2`,
    [gridIds],
  );
}

/** The community's Party organisations as the coverage table counts them (党组织数, grids with 有党支部). */
async function partyOrgCoverage(communityCode: string): Promise<{ partyOrgs: number; withBranch: number }> {
  const res = await send(platform, 'GET', `/api/coverage/grids?region=${communityCode}`, planner);
  expect(res.status).toBe(200);
  const { grids } = (await res.json()) as { grids: { partyOrgs: number; hasBranch: boolean }[] };
  return { partyOrgs: grids.reduce((s, g) => s + g.partyOrgs, 0), withBranch: grids.filter((g) => g.hasBranch).length };
}

describe('dividing a community with grids again (重新划分)', () => {
  let draft: Draft;
  let before: CurrentGrid[];
  let acceptedVersions: Record<string, number>;
  let orgsBefore: { partyOrgs: number; withBranch: number };

  it('proposes a draft that names the grids it would retire and the next codes, and saves nothing', async () => {
    before = await currentGrids(REDRAW);
    expect(before.length).toBeGreaterThan(1);
    orgsBefore = await partyOrgCoverage(REDRAW);
    expect(orgsBefore.partyOrgs).toBeGreaterThan(0);
    const state = await savedState(REDRAW);
    const res = await post(`/api/communities/${REDRAW}/draft-division`, {});
    expect(res.status, await res.clone().text()).toBe(200);
    draft = (await res.json()) as Draft;
    expect(draft.replaces.map((g) => g.id)).toEqual(before.map((g) => g.id));
    // Codes are never reused: the new grids get the numbers after the highest one so far.
    const highest = Math.max(...before.map((g) => Number(g.code.slice(12))));
    expect(draft.grids.map((g) => g.code)).toEqual(draft.grids.map((_, i) => `${REDRAW}${String(highest + 1 + i).padStart(3, '0')}`));
    // Every building once; the households add up to the community's.
    const buildings = await platform.db.query<{ id: number; households: number }>('select id, households from building where community_code = $1 order by id', [REDRAW]);
    expect(draft.grids.flatMap((g) => g.buildingIds).sort((a, b) => a - b)).toEqual(buildings.map((b) => b.id));
    const total = buildings.reduce((s, b) => s + b.households, 0);
    expect(draft.grids.reduce((s, g) => s + g.households, 0)).toBe(total);
    expect(before.reduce((s, g) => s + g.households, 0)).toBe(total);
    // Nothing saved: no grid, version, changeset or audit entry, every building where it was.
    expect(await savedState(REDRAW)).toEqual(state);
  });

  it('accepting with the current versions retires the old grids (kept in their history) and the new grids tile the community with exact households', async () => {
    const oldIds = before.map((g) => g.id);
    const total = before.reduce((s, g) => s + g.households, 0);
    const placesBefore = await peopleAndPlaces(oldIds);
    const members = placesBefore.filter((p) => p.kind === 'member').length;
    expect(members).toBeGreaterThan(0);
    expect(placesBefore.some((p) => p.kind === 'facility')).toBe(true);
    // An open case in the first old grid, at one of its buildings.
    const [spot] = await platform.db.query<{ lng: number; lat: number }>(
      'select ST_X(anchor) as lng, ST_Y(anchor) as lat from building where grid_id = $1 order by id limit 1', [before[0]!.id],
    );
    const openCase = await insertCase(platform.db, { grid: { id: before[0]!.id, code: before[0]!.code, ...spot! }, createdAt: new Date(Date.now() - 3_600_000) });
    const [auditsBefore] = await platform.db.query<{ last: number }>('select coalesce(max(id), 0)::integer as last from audit_log');

    acceptedVersions = Object.fromEntries(before.map((g) => [String(g.id), g.version]));
    const res = await post(`/api/communities/${REDRAW}/draft-division/accept`, {
      grids: draft.grids.map((g) => ({ name: g.name, buildingIds: g.buildingIds })), gridVersions: acceptedVersions, note: '按楼栋重新划分网格',
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const outcome = (await res.json()) as { changesetId: number; features: { properties: { id: number; code: string } }[]; retired: { id: number; code: string }[] };
    expect(outcome.retired.map((g) => g.code)).toEqual(before.map((g) => g.code));
    expect(outcome.features.map((f) => f.properties.code)).toEqual(draft.grids.map((g) => g.code));

    // The old grids are retired, not deleted: each history ends with a 'retire' version with the note.
    const retired = await platform.db.query<{ id: number; validTo: string | null }>('select id, valid_to as "validTo" from grid where id = any ($1::integer[]) order by code', [oldIds]);
    expect(retired.map((g) => g.id)).toEqual(oldIds);
    for (const g of retired) expect(g.validTo).not.toBeNull();
    for (const old of before) {
      const history = await send(platform, 'GET', `/api/grids/${old.id}/history`, planner);
      expect(history.status).toBe(200);
      const h = (await history.json()) as { retired: boolean; versions: { version: number; changeKind: string; note: string | null; households: number | null }[] };
      expect(h.retired).toBe(true);
      expect(h.versions[0]).toMatchObject({ version: old.version + 1, changeKind: 'retire', note: '按楼栋重新划分网格' });
      // The version it had before stays readable, with its households.
      expect(h.versions.find((v) => v.version === old.version)?.households).toBe(old.households);
    }

    // The new grids: the draft's codes, names and households, tiling the community.
    const after = await currentGrids(REDRAW);
    expect(after.map((g) => g.code)).toEqual(draft.grids.map((g) => g.code));
    expect(after.map((g) => g.name)).toEqual(draft.grids.map((g) => g.name));
    expect(after.map((g) => g.households)).toEqual(draft.grids.map((g) => g.households));
    expect(after.some((g) => oldIds.includes(g.id))).toBe(false);
    const t = await tiling(platform, REDRAW);
    expect(Math.abs(t.covered - t.community) / t.community).toBeLessThan(0.001);
    expect(t.overlap).toBeLessThan(1);
    expect(t.invalid).toBe(0);
    expect(t.multipart).toBe(0);

    // Every building in exactly one new grid (the one its anchor lies in, the draft's), each grid's
    // households its buildings' sum, the community's total unchanged.
    const placed = await platform.db.query<{ id: number; gridId: number | null; hits: number; hit: number | null }>(
      `select b.id, b.grid_id as "gridId", count(g.id)::integer as hits, min(g.id) as hit
       from building b left join grid g on g.valid_to is null and ST_Intersects(g.geom, b.anchor)
       where b.community_code = $1 group by b.id order by b.id`,
      [REDRAW],
    );
    const gridOfCode = new Map(after.map((g) => [g.code, g.id]));
    const drafted = new Map(draft.grids.flatMap((g) => g.buildingIds.map((id) => [id, gridOfCode.get(g.code)!] as const)));
    for (const b of placed) expect({ id: b.id, gridId: b.gridId, hits: b.hits, hit: b.hit }).toEqual({ id: b.id, gridId: drafted.get(b.id), hits: 1, hit: drafted.get(b.id) });
    const sums = await platform.db.query<{ gridId: number; households: number }>(
      'select grid_id as "gridId", sum(households)::integer as households from building where community_code = $1 group by grid_id', [REDRAW],
    );
    for (const g of after) expect(sums.find((s) => s.gridId === g.id)?.households).toBe(g.households);
    expect(after.reduce((s, g) => s + g.households, 0)).toBe(total);

    // Members and facilities go with their homes and places: none left in a retired grid, each in
    // the new grid that holds it.
    const newIds = after.map((g) => g.id);
    expect(await peopleAndPlaces(oldIds)).toEqual([]);
    const placesAfter = await peopleAndPlaces(newIds);
    expect(placesAfter.map((p) => `${p.kind}:${p.id}`).sort()).toEqual(placesBefore.map((p) => `${p.kind}:${p.id}`).sort());
    for (const p of placesAfter) expect(p.gridId).toBe(p.inside);

    // The open case moved to the new grid holding its point, with a 'reassigned' event.
    const [kase] = await platform.db.query<{ gridId: number; status: string }>('select grid_id as "gridId", status from civic_case where id = $1', [openCase.id]);
    expect(kase!.status).toBe('pending');
    const caseGrid = after.find((g) => g.id === kase!.gridId);
    expect(caseGrid, 'the open case is in a new grid').toBeDefined();
    const events = await platform.db.query<{ kind: string; details: { fromGridCode?: string; toGridCode?: string } | null }>(
      'select kind, details from case_event where case_id = $1 order by id', [openCase.id],
    );
    expect(events.map((e) => e.kind)).toEqual(['created', 'reassigned']);
    expect(events[1]!.details).toMatchObject({ fromGridCode: before[0]!.code, toGridCode: caseGrid!.code });

    // One audit entry names the grids created and retired, with the note.
    const audits = await platform.db.query<{ action: string; details: { note: string; created: number[]; retired: number[] } }>(
      'select action, details from audit_log where id > $1 order by id', [auditsBefore!.last],
    );
    expect(audits.map((a) => a.action)).toEqual(['grid.draft']);
    expect(audits[0]!.details).toEqual({ note: '按楼栋重新划分网格', created: newIds, retired: oldIds });
  });

  it('refuses a second acceptance made against the grids it already retired (409 VERSION_CONFLICT) and changes nothing', async () => {
    const state = await savedState(REDRAW);
    const res = await post(`/api/communities/${REDRAW}/draft-division/accept`, {
      grids: draft.grids.map((g) => ({ buildingIds: g.buildingIds })), gridVersions: acceptedVersions, note: '重复提交',
    });
    expect(res.status, await res.clone().text()).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VERSION_CONFLICT');
    expect(await savedState(REDRAW)).toEqual(state);
  });

  it("keeps the community's Party organisations on its grids: 党组织数 and 有党支部 in the coverage table are what they were", async () => {
    // Like a merge (which hands the absorbed grid's organisations to the grid that absorbs it),
    // a new division should leave no organisation on a retired grid, where no table counts it.
    expect(await partyOrgCoverage(REDRAW)).toEqual(orgsBefore);
    const stranded = await platform.db.query<{ name: string; grid: string }>(
      `select p.name, g.code as grid from party_org p join grid g on g.id = p.grid_id
       where g.community_code = $1 and g.valid_to is not null order by p.id`,
      [REDRAW],
    );
    expect(stranded, 'Party organisations left on retired grids').toEqual([]);
  });
});
