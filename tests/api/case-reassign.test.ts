import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, send, signIn, type TestAccount } from '../support/accounts.ts';
import { featureCollection, uploadImport } from '../support/import-fixtures.ts';
import { makeCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// Grid edits move open cases (民情) with their place: a split hands the cases on the split-off
// side to the new grid in the same transaction, as its preview said; a retired grid whose cases
// lie in no other grid keeps them and escalates them to the community.

interface CaseMoveJson {
  from: { id: number; code: string } | null;
  to: { id: number; code: string } | null;
  cases: number;
}
interface SplitAnswer {
  feature: { properties: { id: number } };
  neighbours: { properties: { id: number; code: string } }[];
  impact: { moves: CaseMoveJson[] };
  changesetId: number;
}
interface CaseRow {
  id: number;
  grid_id: number;
  status: string;
  version: number;
  escalation: string | null;
  transfer_grid_id: number | null;
}
interface EventRow {
  case_id: number;
  kind: string;
  status: string;
  grid_id: number | null;
  actor: string | null;
  details: Record<string, unknown> | null;
  same_time: boolean;
}

let platform: TestPlatform;
let plannerAccount: TestAccount;
let planner: string;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  plannerAccount = await makeAccount(platform, 'planner', '320213');
  planner = await signIn(platform, plannerAccount);
});
afterAll(() => platform.close());

/** An open (or ended) case at a point, as a report would make it: the case row and its 'created' event. */
async function addCase(point: [number, number], gridId: number, status = 'pending', extra: { transferGridId?: number } = {}): Promise<number> {
  const code = crypto.randomBytes(6).toString('hex').toUpperCase().replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3');
  const ended = ['closed', 'rated', 'rejected', 'merged'].includes(status);
  const [row] = await platform.db.query<{ id: number }>(
    `insert into civic_case (code, category_id, description, geom, grid_id, transfer_grid_id, status, created_at,
                             accept_deadline, close_deadline, accepted_at, closed_at, updated_at)
     values ($1, 'repair', '路灯不亮', ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326), $4, $5, $6,
             now() - interval '1 day', now() + interval '1 day', now() + interval '4 days',
             case when $6 <> 'pending' then now() - interval '20 hours' end,
             case when $7 then now() - interval '2 hours' end, now() - interval '1 day')
     returning id`,
    [code, point[0], point[1], gridId, extra.transferGridId ?? null, status, ended],
  );
  await platform.db.query(
    `insert into case_event (case_id, at, kind, status, grid_id) values ($1, now() - interval '1 day', 'created', 'pending', $2)`,
    [row!.id, gridId],
  );
  return row!.id;
}

async function cases(ids: number[]): Promise<Map<number, CaseRow>> {
  const rows = await platform.db.query<CaseRow>(
    'select id, grid_id, status, version, escalation, transfer_grid_id from civic_case where id = any ($1::integer[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The grid edits' events of these cases since the changeset, and whether each has its time (written in its transaction). */
async function editEvents(changesetId: number, caseIds: number[]): Promise<EventRow[]> {
  return platform.db.query<EventRow>(
    `select e.case_id, e.kind, e.status, e.grid_id, e.actor, e.details, e.at = cs.at as same_time
     from case_event e join changeset cs on cs.id = $1
     where e.case_id = any ($2::integer[]) and e.details->>'reason' = 'grid_edit' and e.at >= cs.at
     order by e.case_id, e.id`,
    [changesetId, caseIds],
  );
}

async function openCaseGrids(gridIds: number[]): Promise<Map<number, number>> {
  const rows = await platform.db.query<{ id: number; grid_id: number }>(
    `select id, grid_id from civic_case where status in ('pending', 'accepted', 'in_progress') and grid_id = any ($1::integer[])`,
    [gridIds],
  );
  return new Map(rows.map((r) => [r.id, r.grid_id]));
}

/**
 * A demo grid of 胜利门社区 that a north–south line through its middle cuts in two, with the line
 * and a point well inside each side (west, east).
 */
async function splittableDemoGrid() {
  const [row] = await platform.db.query<{ id: number; code: string; version: number; x: number; ymin: number; ymax: number; west: string; east: string }>(
    `with g as (
       select id, code, version, geom, (ST_XMin(geom) + ST_XMax(geom)) / 2 as x, ST_YMin(geom) - 0.001 as ymin, ST_YMax(geom) + 0.001 as ymax
       from grid where valid_to is null and community_code = '320213021001'
     ),
     cut as (
       select g.*, ST_Split(g.geom, ST_MakeLine(ST_SetSRID(ST_MakePoint(x, ymin), 4326), ST_SetSRID(ST_MakePoint(x, ymax), 4326))) as parts
       from g
     )
     select id, code, version, x, ymin, ymax,
            (select ST_AsGeoJSON(ST_PointOnSurface(p.geom)) from ST_Dump(parts) p where ST_X(ST_Centroid(p.geom)) < x) as west,
            (select ST_AsGeoJSON(ST_PointOnSurface(p.geom)) from ST_Dump(parts) p where ST_X(ST_Centroid(p.geom)) > x) as east
     from cut
     where ST_NumGeometries(parts) = 2
       and (select min(ST_Area(p.geom::geography)) from ST_Dump(parts) p) > 5000
     order by id limit 1`,
  );
  expect(row, 'a demo grid a straight line splits in two').toBeDefined();
  const point = (json: string) => (JSON.parse(json) as { coordinates: [number, number] }).coordinates;
  return {
    id: row!.id,
    code: row!.code,
    version: row!.version,
    line: { type: 'LineString', coordinates: [[row!.x, row!.ymin], [row!.x, row!.ymax]] },
    west: point(row!.west),
    east: point(row!.east),
  };
}

describe('grid edits move open cases with their place', () => {
  it('a split moves exactly the open cases on the split-off side, in its transaction, as its preview counted', async () => {
    const grid = await splittableDemoGrid();
    const openWest = [await addCase(grid.west, grid.id), await addCase(grid.west, grid.id, 'accepted'), await addCase(grid.west, grid.id, 'in_progress')];
    const openEast = [await addCase(grid.east, grid.id), await addCase(grid.east, grid.id, 'in_progress')];
    const closedWest = [await addCase(grid.west, grid.id, 'closed'), await addCase(grid.west, grid.id, 'rejected')];
    // Being handed to another grid (转派) when the split moves it: the hand-over is called off.
    const [elsewhere] = await platform.db.query<{ id: number }>(
      `select id from grid where valid_to is null and community_code = '320213021001' and id <> $1 order by id limit 1`,
      [grid.id],
    );
    const handedOver = await addCase(grid.west, grid.id, 'pending', { transferGridId: elsewhere!.id });
    openWest.push(handedOver);
    const before = await cases([...openWest, ...openEast, ...closedWest]);

    const preview = await send(platform, 'POST', `/api/grids/${grid.id}/split/preview`, planner, { line: grid.line, version: grid.version });
    expect(preview.status, await preview.clone().text()).toBe(200);
    const previewed = ((await preview.json()) as { valid: boolean; impact: { moves: CaseMoveJson[] } });
    expect(previewed.valid).toBe(true);
    const previewCount = previewed.impact.moves.reduce((n, m) => n + m.cases, 0);
    // The preview changed nothing.
    expect(await cases([...before.keys()])).toEqual(before);

    // Every open case of the grid before the split (the demo's own included).
    const openBefore = await openCaseGrids([grid.id]);
    const res = await send(platform, 'POST', `/api/grids/${grid.id}/split`, planner, { line: grid.line, note: '按道路拆分', version: grid.version });
    expect(res.status, await res.clone().text()).toBe(201);
    const answer = (await res.json()) as SplitAnswer;
    const newId = answer.neighbours[0]!.properties.id;
    const newCode = answer.neighbours[0]!.properties.code;

    const after = await cases([...before.keys()]);
    for (const id of openWest) {
      expect(after.get(id)).toMatchObject({ grid_id: newId, status: before.get(id)!.status, version: before.get(id)!.version + 1 });
    }
    for (const id of [...openEast, ...closedWest]) expect(after.get(id)).toEqual(before.get(id));

    // What moved is what the preview and the answer said, each with a 'reassigned' event of the
    // split's transaction (its changeset's time) naming the planner.
    const moved = [...(await openCaseGrids([grid.id, newId])).entries()].filter(([id, g]) => openBefore.has(id) && g !== grid.id);
    expect(moved.length).toBeGreaterThanOrEqual(openWest.length);
    expect(previewCount).toBe(moved.length);
    expect(answer.impact.moves.find((m) => m.from?.id === grid.id && m.to?.id === newId)?.cases).toBe(moved.length);
    expect(after.get(handedOver)!.transfer_grid_id).toBeNull();
    const events = await editEvents(answer.changesetId, [...openBefore.keys(), ...before.keys()]);
    expect(events.filter((e) => e.kind === 'transfer_declined')).toEqual([
      expect.objectContaining({ case_id: handedOver, status: 'pending', grid_id: grid.id, same_time: true }),
    ]);
    const reassigned = events.filter((e) => e.kind === 'reassigned');
    expect(reassigned.map((e) => e.case_id).sort()).toEqual(moved.map(([id]) => id).sort());
    for (const e of reassigned) {
      expect(e).toMatchObject({
        kind: 'reassigned', grid_id: newId, actor: plannerAccount.username, same_time: true,
        details: { fromGridCode: grid.code, toGridCode: newCode, reason: 'grid_edit' },
      });
    }
    expect(events.find((e) => e.case_id === openWest[1])?.status).toBe('accepted');

    // Undoing the split gives the cases back to the grid, again with an event each.
    const revert = await send(platform, 'POST', `/api/changesets/${answer.changesetId}/revert`, planner, { note: '拆分有误，整体撤销' });
    expect(revert.status, await revert.clone().text()).toBe(200);
    const reverted = (await revert.json()) as { changesetId: number };
    for (const id of openWest) expect((await cases([id])).get(id)).toMatchObject({ grid_id: grid.id, version: before.get(id)!.version + 2 });
    const back = await editEvents(reverted.changesetId, openWest);
    expect(back.filter((e) => e.kind === 'reassigned' && e.same_time && e.grid_id === grid.id).map((e) => e.case_id).sort()).toEqual([...openWest].sort());
  });

  it('a retired grid keeps the open cases no other grid holds and escalates them; a transfer to it is cleared', async () => {
    const [row] = await platform.db.query<{ id: number; code: string; version: number; inside: string }>(
      `select id, code, version, ST_AsGeoJSON(ST_PointOnSurface(geom)) as inside
       from grid where valid_to is null and community_code = '320213021001' order by id desc limit 1`,
    );
    const [other] = await platform.db.query<{ id: number; inside: string }>(
      `select id, ST_AsGeoJSON(ST_PointOnSurface(geom)) as inside
       from grid where valid_to is null and community_code = '320213021001' and id <> $1 order by id limit 1`,
      [row!.id],
    );
    const point = (json: string) => (JSON.parse(json) as { coordinates: [number, number] }).coordinates;
    const stranded = await addCase(point(row!.inside), row!.id, 'accepted');
    const handedOver = await addCase(point(other!.inside), other!.id, 'pending', { transferGridId: row!.id });
    const before = await cases([stranded, handedOver]);

    const res = await send(platform, 'DELETE', `/api/grids/${row!.id}`, planner, { note: '撤销网格', version: row!.version });
    expect(res.status, await res.clone().text()).toBe(200);
    const answer = (await res.json()) as { changesetId: number; impact: { moves: CaseMoveJson[] } };

    const after = await cases([stranded, handedOver]);
    expect(after.get(stranded)).toMatchObject({ grid_id: row!.id, status: 'accepted', escalation: 'community', version: before.get(stranded)!.version + 1 });
    expect(after.get(handedOver)).toMatchObject({ grid_id: other!.id, status: 'pending', transfer_grid_id: null, version: before.get(handedOver)!.version + 1 });
    const escalatedMove = answer.impact.moves.find((m) => m.from?.id === row!.id && m.to === null);
    expect(escalatedMove?.cases).toBeGreaterThanOrEqual(1);

    const events = await editEvents(answer.changesetId, [stranded, handedOver]);
    expect(events.filter((e) => e.case_id === stranded)).toEqual([
      expect.objectContaining({ kind: 'escalated', status: 'accepted', grid_id: row!.id, actor: plannerAccount.username, details: { level: 'community', reason: 'grid_edit' } }),
    ]);
    expect(events.filter((e) => e.case_id === handedOver)).toEqual([
      expect.objectContaining({ kind: 'transfer_declined', status: 'pending', grid_id: other!.id, details: { toGridCode: row!.code, reason: 'grid_edit' } }),
    ]);
  });

  it('an import that redraws a border moves the open cases on the side that changed grid', async () => {
    const c = await makeCommunity(platform);
    const upload = async (name: string, features: Parameters<typeof featureCollection>[0]) => {
      const res = await uploadImport(platform, 'grids', name, featureCollection(features), { mode: 'commit' }, planner);
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await upload('a.geojson', [
      { geometry: c.rect(0, 0, 0.5, 1), properties: { name: '甲' } },
      { geometry: c.rect(0.5, 0, 1, 1), properties: { name: '乙' } },
    ]);
    const [west, east] = await platform.db.query<{ id: number; code: string }>(
      'select id, code from grid where community_code = $1 and valid_to is null order by code',
      [c.code],
    );
    const moving = await addCase(c.at(0.45, 0.5), west!.id, 'in_progress');
    const staying = await addCase(c.at(0.2, 0.5), west!.id);
    await upload('b.geojson', [
      { geometry: c.rect(0, 0, 0.4, 1), properties: { code: west!.code, name: '甲' } },
      { geometry: c.rect(0.4, 0, 1, 1), properties: { code: east!.code, name: '乙' } },
    ]);
    const after = await cases([moving, staying]);
    expect(after.get(moving)).toMatchObject({ grid_id: east!.id, status: 'in_progress', version: 2 });
    expect(after.get(staying)).toMatchObject({ grid_id: west!.id, version: 1 });
    const [changeset] = await platform.db.query<{ id: number }>(`select id from changeset where kind = 'import' order by id desc limit 1`);
    expect(await editEvents(changeset!.id, [moving, staying])).toEqual([
      expect.objectContaining({
        case_id: moving, kind: 'reassigned', status: 'in_progress', grid_id: east!.id, actor: plannerAccount.username, same_time: true,
        details: { fromGridCode: west!.code, toGridCode: east!.code, reason: 'grid_edit' },
      }),
    ]);
  });
});
