import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inProcessCaseFeed } from '../../server/src/cases/case-feed.ts';
import { startCaseSweeper, sweepCases } from '../../server/src/cases/sweeper.ts';
import { openPostgres } from '../../server/src/db/postgres-driver.ts';
import type { CaseAction, CaseDetail, CaseSummary } from '../../server/src/contract/cases.ts';
import { makeAccount, makeGridWorker, send, signIn } from '../support/accounts.ts';
import { gridsOf, insertCase, type TestGrid } from '../support/civic-cases.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// 民情反馈, the staff side through HTTP: the workflow a grid worker follows, handing over (转派),
// duplicates (合并), escalation and the phone purge by a clock the test moves, who may see and do
// what, and optimistic locking.

const DAY_MS = 24 * 60 * 60 * 1000;
// Monday 2 November 2026, 10:00 in China.
let now = new Date('2026-11-02T02:00:00Z');
const clock = () => now;
const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
  return now;
};

let platform: TestPlatform;
let gridA: TestGrid;
let gridB: TestGrid;
let gridOther: TestGrid;
const cookie = {} as Record<'workerA' | 'workerA2' | 'workerB' | 'workerOther' | 'leader' | 'otherLeader' | 'planner', string>;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 }, { clock });
  [gridA, gridB] = await gridsOf(platform.db, '320213021', 2) as [TestGrid, TestGrid];
  [gridOther] = await gridsOf(platform.db, '320213022', 1) as [TestGrid];
  cookie.workerA = await signIn(platform, await makeGridWorker(platform, [gridA.code]));
  cookie.workerA2 = await signIn(platform, await makeGridWorker(platform, [gridA.code]));
  cookie.workerB = await signIn(platform, await makeGridWorker(platform, [gridB.code]));
  cookie.workerOther = await signIn(platform, await makeGridWorker(platform, [gridOther.code]));
  cookie.leader = await signIn(platform, await makeAccount(platform, 'leader', '320213021'));
  cookie.otherLeader = await signIn(platform, await makeAccount(platform, 'leader', '320213022'));
  cookie.planner = await signIn(platform, await makeAccount(platform, 'planner', '320213021'));
});
afterAll(() => platform.close());

const newCase = (grid: TestGrid, extra: { category?: string; lng?: number; lat?: number; phone?: string; createdAt?: Date } = {}) =>
  insertCase(platform.db, { grid, createdAt: now, ...extra });

async function detail(who: string, id: number): Promise<CaseDetail> {
  const res = await send(platform, 'GET', `/api/cases/${id}`, who);
  expect(res.status).toBe(200);
  return (await res.json()) as CaseDetail;
}

function act(who: string, id: number, body: { action: CaseAction; version: number; note?: string; toGridCode?: string; intoCode?: string }) {
  return send(platform, 'POST', `/api/cases/${id}/actions`, who, body);
}

async function acted(who: string, id: number, body: Parameters<typeof act>[2]): Promise<CaseDetail> {
  const res = await act(who, id, body);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as CaseDetail;
}

async function errorOf(res: Response): Promise<{ status: number; code: string; details?: Record<string, unknown> }> {
  const body = (await res.json()) as { error: { code: string; details?: Record<string, unknown> } };
  return { status: res.status, code: body.error.code, details: body.error.details };
}

async function list(who: string, query = ''): Promise<{ cases: CaseSummary[]; total: number }> {
  const res = await send(platform, 'GET', `/api/cases${query}`, who);
  expect(res.status).toBe(200);
  return (await res.json()) as { cases: CaseSummary[]; total: number };
}

const sweep = () => sweepCases(platform.db, inProcessCaseFeed(), now);

describe('the workflow', () => {
  it('accept → start → close, each step an event, in order, with who did it', async () => {
    const { id, code } = await newCase(gridA);
    const inbox = await list(cookie.workerA);
    expect(inbox.cases.map((c) => c.code)).toContain(code);
    const fresh = await detail(cookie.workerA, id);
    expect(fresh).toMatchObject({ status: 'pending', version: 1, gridCode: gridA.code, transferTo: null, overdue: false });
    expect(fresh.actions).toEqual(expect.arrayContaining(['accept', 'reject', 'transfer', 'merge', 'note']));
    expect(fresh.actions).not.toContain('close');
    expect(fresh.actions).not.toContain('reassign');

    later(60_000);
    const accepted = await acted(cookie.workerA, id, { action: 'accept', version: 1 });
    expect(accepted).toMatchObject({ status: 'accepted', version: 2 });
    later(60_000);
    const started = await acted(cookie.workerA, id, { action: 'start', version: 2 });
    expect(started.status).toBe('in_progress');
    later(60_000);
    const noNote = await errorOf(await act(cookie.workerA, id, { action: 'close', version: 3 }));
    expect(noNote).toMatchObject({ status: 400 });
    const closed = await acted(cookie.workerA, id, { action: 'close', version: 3, note: '已更换灯泡' });
    expect(closed).toMatchObject({ status: 'closed', version: 4 });
    expect(closed.actions).toEqual(['note']);
    expect(closed.events.map((e) => e.kind)).toEqual(['created', 'accepted', 'started', 'closed']);
    expect(closed.events.map((e) => e.status)).toEqual(['pending', 'accepted', 'in_progress', 'closed']);
    expect(closed.events[3]).toMatchObject({ note: '已更换灯泡', actorName: '测试gridworker' });
    expect(closed.events[3]!.actor).toMatch(/^t_gridworker_/);
    expect(new Date(closed.events[3]!.at).getTime()).toBe(now.getTime());

    expect((await list(cookie.workerA)).cases.map((c) => c.id)).not.toContain(id);
    expect((await list(cookie.workerA, '?status=closed')).cases.map((c) => c.id)).toContain(id);
    // A closed case cannot be accepted again.
    const again = await errorOf(await act(cookie.workerA, id, { action: 'accept', version: 4 }));
    expect(again).toMatchObject({ status: 422, code: 'ACTION_NOT_ALLOWED' });
  });

  it('rejects with a reason (退回), and a rejected case takes no further step', async () => {
    const { id } = await newCase(gridA);
    expect(await errorOf(await act(cookie.workerA, id, { action: 'reject', version: 1, note: '  ' }))).toMatchObject({ status: 400 });
    const rejected = await acted(cookie.workerA, id, { action: 'reject', version: 1, note: '不属于本网格职责，请拨打 12345' });
    expect(rejected.status).toBe('rejected');
    expect(rejected.events.at(-1)).toMatchObject({ kind: 'rejected', note: '不属于本网格职责，请拨打 12345' });
    expect(await errorOf(await act(cookie.workerA, id, { action: 'start', version: 2 }))).toMatchObject({ status: 422, code: 'ACTION_NOT_ALLOWED' });
  });

  it('转派: handed to another grid, whose worker accepts it; the sender no longer reaches it', async () => {
    const { id, code } = await newCase(gridA);
    expect(await errorOf(await act(cookie.workerA, id, { action: 'transfer', version: 1, toGridCode: gridB.code }))).toMatchObject({ status: 400 });
    expect(await errorOf(await act(cookie.workerA, id, { action: 'transfer', version: 1, toGridCode: gridA.code, note: '转给自己' }))).toMatchObject({
      status: 422,
    });
    const sent = await acted(cookie.workerA, id, { action: 'transfer', version: 1, toGridCode: gridB.code, note: '位置在相邻网格' });
    expect(sent).toMatchObject({ status: 'pending', gridCode: gridA.code, transferTo: { gridCode: gridB.code } });
    expect(sent.actions).not.toContain('transfer');
    expect(sent.events.at(-1)).toMatchObject({ kind: 'transferred', details: { fromGridCode: gridA.code, toGridCode: gridB.code } });

    // The receiving worker sees it in their inbox and may accept or decline it, nothing else.
    expect((await list(cookie.workerB)).cases.map((c) => c.code)).toContain(code);
    const seen = await detail(cookie.workerB, id);
    expect([...seen.actions].sort()).toEqual(['accept_transfer', 'decline_transfer']);
    expect(await errorOf(await act(cookie.workerB, id, { action: 'accept', version: 2 }))).toMatchObject({ status: 403 });
    expect(await errorOf(await act(cookie.workerA, id, { action: 'accept_transfer', version: 2 }))).toMatchObject({ status: 403 });

    const taken = await acted(cookie.workerB, id, { action: 'accept_transfer', version: 2 });
    expect(taken).toMatchObject({ status: 'accepted', gridCode: gridB.code, transferTo: null });
    expect(taken.events.map((e) => e.kind)).toEqual(['created', 'transferred', 'transfer_accepted']);
    expect(taken.actions).toContain('close');
    expect((await send(platform, 'GET', `/api/cases/${id}`, cookie.workerA)).status).toBe(403);
  });

  it('转派 declined: the case stays with its grid, the receiving grid no longer sees it', async () => {
    const { id } = await newCase(gridA);
    await acted(cookie.workerA, id, { action: 'transfer', version: 1, toGridCode: gridB.code, note: '位置在相邻网格' });
    expect(await errorOf(await act(cookie.workerB, id, { action: 'decline_transfer', version: 2 }))).toMatchObject({ status: 400 });
    const declined = await acted(cookie.workerB, id, { action: 'decline_transfer', version: 2, note: '该位置属于原网格' });
    expect(declined).toMatchObject({ status: 'pending', gridCode: gridA.code, transferTo: null });
    expect(declined.events.at(-1)).toMatchObject({ kind: 'transfer_declined', note: '该位置属于原网格' });
    expect((await send(platform, 'GET', `/api/cases/${id}`, cookie.workerB)).status).toBe(403);
    expect((await detail(cookie.workerA, id)).actions).toContain('transfer');
  });

  it('合并: suggests the case within 50 m and 7 days of the same category, merges into it; a far one is refused', async () => {
    const first = await newCase(gridA, { category: 'repair' });
    later(DAY_MS);
    // About 20 m north of the first.
    const repeat = await newCase(gridA, { category: 'repair', lat: gridA.lat + 0.00018 });
    const otherKind = await newCase(gridA, { category: 'safety', lat: gridA.lat + 0.00009 });
    // About 500 m away.
    const far = await newCase(gridA, { category: 'repair', lat: gridA.lat + 0.0045 });

    const res = await send(platform, 'GET', `/api/cases/${repeat.id}/duplicates`, cookie.workerA);
    expect(res.status).toBe(200);
    const suggested = ((await res.json()) as { cases: CaseSummary[] }).cases.map((c) => c.code);
    expect(suggested).toContain(first.code);
    expect(suggested).not.toContain(otherKind.code);
    expect(suggested).not.toContain(far.code);
    expect(suggested).not.toContain(repeat.code);

    const refused = await errorOf(await act(cookie.workerA, far.id, { action: 'merge', version: 1, intoCode: first.code }));
    expect(refused).toMatchObject({ status: 422, code: 'NOT_A_DUPLICATE' });
    expect(await errorOf(await act(cookie.workerA, otherKind.id, { action: 'merge', version: 1, intoCode: first.code }))).toMatchObject({
      code: 'NOT_A_DUPLICATE',
    });
    expect(await errorOf(await act(cookie.workerA, repeat.id, { action: 'merge', version: 1, intoCode: repeat.code }))).toMatchObject({
      code: 'NOT_A_DUPLICATE',
    });
    expect((await detail(cookie.workerA, far.id)).status).toBe('pending');

    // Typed as a resident reads it out: lower case, no dashes.
    const merged = await acted(cookie.workerA, repeat.id, { action: 'merge', version: 1, intoCode: first.code.replaceAll('-', '').toLowerCase() });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: first.code });
    expect(merged.events.at(-1)).toMatchObject({ kind: 'merged', details: { intoCode: first.code } });
    // Nothing merges into a merged case.
    expect(await errorOf(await act(cookie.workerA, far.id, { action: 'merge', version: 1, intoCode: repeat.code }))).toMatchObject({
      code: 'NOT_A_DUPLICATE',
    });
  });
});

describe('escalation and the phone purge, by the clock', () => {
  it('escalates to the community after the accept deadline and to the street after the close deadline, once each', async () => {
    const { id } = await newCase(gridA);
    const fresh = await detail(cookie.workerA, id);
    now = new Date(new Date(fresh.acceptDeadline).getTime() - 60_000);
    await sweep();
    expect((await detail(cookie.workerA, id)).escalation).toBeNull();

    now = new Date(new Date(fresh.acceptDeadline).getTime() + 60_000);
    await sweep();
    await sweep();
    const toCommunity = await detail(cookie.workerA, id);
    expect(toCommunity).toMatchObject({ escalation: 'community', overdue: true, version: 1 });
    expect(toCommunity.events.filter((e) => e.kind === 'escalated').map((e) => e.details)).toEqual([{ level: 'community' }]);
    expect((await list(cookie.leader, '?overdue=true')).cases.map((c) => c.id)).toContain(id);

    await acted(cookie.workerA, id, { action: 'accept', version: 1 });
    expect((await detail(cookie.workerA, id)).overdue).toBe(false);
    now = new Date(new Date(fresh.closeDeadline).getTime() + 60_000);
    await Promise.all([sweep(), sweep()]);
    await sweep();
    const toStreet = await detail(cookie.workerA, id);
    expect(toStreet).toMatchObject({ escalation: 'street', overdue: true, status: 'accepted' });
    expect(toStreet.events.filter((e) => e.kind === 'escalated').map((e) => e.details)).toEqual([{ level: 'community' }, { level: 'street' }]);
    expect(toStreet.events.find((e) => e.kind === 'escalated')!.actor).toBeNull();
  });

  it('removes the reporter phone 180 days after the case was closed, once', async () => {
    const { id } = await newCase(gridA, { phone: '13912345678' });
    await acted(cookie.workerA, id, { action: 'accept', version: 1 });
    await acted(cookie.workerA, id, { action: 'close', version: 2, note: '已处理' });
    const closedAt = now.getTime();

    now = new Date(closedAt + 179 * DAY_MS);
    await sweep();
    expect(await (await send(platform, 'GET', `/api/cases/${id}/phone`, cookie.workerA)).json()).toEqual({ phone: '13912345678' });

    now = new Date(closedAt + 181 * DAY_MS);
    await sweep();
    await sweep();
    const purged = await detail(cookie.workerA, id);
    expect(purged.hasPhone).toBe(false);
    expect(purged.events.filter((e) => e.kind === 'phone_purged')).toHaveLength(1);
    expect(await (await send(platform, 'GET', `/api/cases/${id}/phone`, cookie.workerA)).json()).toEqual({ phone: null });
    const [row] = await platform.db.query<{ phone: string | null; purgedAt: Date | null }>(
      'select reporter_phone as phone, phone_purged_at as "purgedAt" from civic_case where id = $1',
      [id],
    );
    expect(row!.phone).toBeNull();
    expect(row!.purgedAt).not.toBeNull();
  });
});

describe('the sweeper', () => {
  it('with the database away, logs one line a sweep and tries again, without ending the process', async () => {
    // A database nobody answers on (port 1): every sweep fails to connect.
    const away = openPostgres({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectTimeoutMs: 1_000 });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sweeper = startCaseSweeper(away, inProcessCaseFeed(), clock, 20);
    try {
      await vi.waitFor(() => expect(errors.mock.calls.length).toBeGreaterThanOrEqual(2), { timeout: 20_000, interval: 20 });
    } finally {
      sweeper.close();
      errors.mockRestore();
      await away.close();
    }
    for (const [line] of errors.mock.calls.slice(0, 2)) {
      expect(line).toMatch(/^case sweeper: .*trying again in a minute$/);
      expect(String(line)).not.toContain('\n');
    }
  });
});

describe('who may see and do what', () => {
  it('a worker of another grid can neither read nor act on a case, nor read its phone (403)', async () => {
    const { id, code } = await newCase(gridA, { phone: '13800001111' });
    expect(await errorOf(await send(platform, 'GET', `/api/cases/${id}`, cookie.workerB))).toMatchObject({ status: 403, code: 'OUTSIDE_SCOPE' });
    expect(await errorOf(await act(cookie.workerB, id, { action: 'accept', version: 1 }))).toMatchObject({ status: 403 });
    expect(await errorOf(await send(platform, 'GET', `/api/cases/${id}/phone`, cookie.workerB))).toMatchObject({ status: 403 });
    expect((await send(platform, 'GET', `/api/cases/${id}/duplicates`, cookie.workerB)).status).toBe(403);
    expect((await list(cookie.workerB, '?status=all&limit=500')).cases.map((c) => c.code)).not.toContain(code);
    expect((await detail(cookie.workerA, id)).status).toBe('pending');
    expect((await send(platform, 'GET', `/api/cases/${id}`)).status).toBe(401);
  });

  it('the worker of the grid reads the phone, and the read is audited without the phone', async () => {
    const { id } = await newCase(gridA, { phone: '13800002222' });
    const res = await send(platform, 'GET', `/api/cases/${id}/phone`, cookie.workerA);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ phone: '13800002222' });
    const audit = await platform.db.query<{ entry: string; entity: string }>(
      `select row_to_json(a)::text as entry, entity from audit_log a where action = 'case.phone_read' and $1 = any (entity_ids)`,
      [String(id)],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity).toBe('case');
    expect(audit[0]!.entry).not.toContain('13800002222');
    // The detail says there is a phone, never what it is.
    expect(JSON.stringify(await detail(cookie.workerA, id))).not.toContain('13800002222');
  });

  it('a planner gets 403; a leader of another street gets 403; a leader in scope sees and reassigns', async () => {
    const { id, code } = await newCase(gridA);
    expect(await errorOf(await send(platform, 'GET', '/api/cases', cookie.planner))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await send(platform, 'GET', `/api/cases/${id}`, cookie.planner)).status).toBe(403);
    expect((await send(platform, 'GET', '/api/cases/events', cookie.planner)).status).toBe(403);
    expect(await errorOf(await send(platform, 'GET', `/api/cases/${id}`, cookie.otherLeader))).toMatchObject({ status: 403, code: 'OUTSIDE_SCOPE' });
    expect((await act(cookie.otherLeader, id, { action: 'reassign', version: 1, toGridCode: gridOther.code })).status).toBe(403);
    expect((await list(cookie.otherLeader, '?status=all&limit=500')).cases.map((c) => c.code)).not.toContain(code);

    // A worker may not reassign; a leader may, inside their scope only.
    expect(await errorOf(await act(cookie.workerA, id, { action: 'reassign', version: 1, toGridCode: gridB.code }))).toMatchObject({ status: 403 });
    const seen = await detail(cookie.leader, id);
    expect(seen.actions).toContain('reassign');
    expect(await errorOf(await act(cookie.leader, id, { action: 'reassign', version: 1, toGridCode: gridOther.code }))).toMatchObject({
      status: 403,
      code: 'OUTSIDE_SCOPE',
    });
    const moved = await acted(cookie.leader, id, { action: 'reassign', version: 1, toGridCode: gridB.code });
    expect(moved).toMatchObject({ gridCode: gridB.code, status: 'pending', version: 2 });
    expect(moved.events.at(-1)).toMatchObject({ kind: 'reassigned', details: { fromGridCode: gridA.code, toGridCode: gridB.code } });
    const audit = await platform.db.query(`select 1 from audit_log where action = 'case.reassign' and $1 = any (entity_ids)`, [String(id)]);
    expect(audit).toHaveLength(1);
    expect((await detail(cookie.workerB, id)).actions).toContain('accept');
    expect((await send(platform, 'GET', `/api/cases/${id}`, cookie.workerA)).status).toBe(403);
  });

  it('a case that does not exist is 404; bad input is 400 and changes nothing', async () => {
    expect(await errorOf(await send(platform, 'GET', '/api/cases/999999', cookie.leader))).toMatchObject({ status: 404, code: 'CASE_NOT_FOUND' });
    const { id } = await newCase(gridA);
    expect((await act(cookie.workerA, id, { action: 'fly' as CaseAction, version: 1 })).status).toBe(400);
    expect((await send(platform, 'POST', `/api/cases/${id}/actions`, cookie.workerA, { action: 'accept', version: 1, status: 'closed' })).status).toBe(400);
    expect((await send(platform, 'GET', '/api/cases?status=maybe', cookie.workerA)).status).toBe(400);
    expect((await detail(cookie.workerA, id))).toMatchObject({ status: 'pending', version: 1 });
  });
});

describe('optimistic locking', () => {
  it('two workers acting from one version at once: exactly one 200 and one 409', async () => {
    const { id } = await newCase(gridA);
    const [a, b] = await Promise.all([
      act(cookie.workerA, id, { action: 'accept', version: 1 }),
      act(cookie.workerA2, id, { action: 'reject', version: 1, note: '重复反映' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const conflict = await errorOf(a.status === 409 ? a : b);
    expect(conflict).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    const after = await detail(cookie.workerA, id);
    expect(after.version).toBe(2);
    expect(after.events.map((e) => e.kind)).toHaveLength(2);
  });

  it('a step from an old version is 409 with the current version', async () => {
    const { id } = await newCase(gridA);
    await acted(cookie.workerA, id, { action: 'note', version: 1, note: '已电话联系' });
    expect(await errorOf(await act(cookie.workerA, id, { action: 'accept', version: 1 }))).toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
      details: { currentVersion: 2 },
    });
  });
});

describe('photos and the inbox order', () => {
  it('serves a photo privately to those who see the case', async () => {
    const { id } = await newCase(gridA);
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    await platform.db.query(`insert into case_photo (case_id, seq, mime, width, height, bytes, created_at) values ($1, 1, 'image/jpeg', 4, 3, $2, $3)`, [
      id, bytes, now,
    ]);
    const res = await send(platform, 'GET', `/api/cases/${id}/photos/1`, cookie.workerA);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toMatch(/^private/);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect((await send(platform, 'GET', `/api/cases/${id}/photos/1`, cookie.workerB)).status).toBe(403);
    expect((await send(platform, 'GET', `/api/cases/${id}/photos/2`, cookie.workerA)).status).toBe(404);
    expect((await detail(cookie.workerA, id))).toMatchObject({ photoCount: 1, photos: [{ seq: 1, width: 4, height: 3, url: `/api/cases/${id}/photos/1` }] });
  });

  it('lists open cases by the deadline that applies now', async () => {
    const grid = (await gridsOf(platform.db, '320213021', 3))[2]!;
    const worker = await signIn(platform, await makeGridWorker(platform, [grid.code]));
    const older = await newCase(grid);
    later(60_000);
    const accepted = await newCase(grid);
    later(60_000);
    const newer = await newCase(grid);
    // Accepted: its close deadline (5 working days) now applies, after the others' accept deadlines.
    await acted(worker, accepted.id, { action: 'accept', version: 1 });
    const page = await list(worker);
    expect(page.cases.map((c) => c.id)).toEqual([older.id, newer.id, accepted.id]);
    expect(page.total).toBe(3);
    const second = await list(worker, '?limit=1&offset=1');
    expect(second).toMatchObject({ total: 3 });
    expect(second.cases.map((c) => c.id)).toEqual([newer.id]);
    expect((await list(worker, '?limit=1&offset=10')).cases).toEqual([]);
  });
});
