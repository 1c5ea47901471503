import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config.ts';
import type { CaseDensity, CasePoints, CaseScorecard, CaseTrend, GridScore } from '../../server/src/contract/case-stats.ts';
import { makeAccount, makeGridWorker, send, signIn } from '../support/accounts.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// 民情 oversight. The clock stands in 2031 so that the cases this file writes are the only ones in
// the periods it asks for, whatever demo cases the database holds; the recount reads every case of
// the grids from the tables, so cases it did not write are counted on both sides alike.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2031-03-12T04:00:00Z'); // a Wednesday, 12:00 in China
const at = (days: number, hours = 0) => new Date(NOW.getTime() + days * DAY + hours * HOUR);

let platform: TestPlatform;
let leader: string; // street 320213021
let admin: string; // district
let grids: { id: number; code: string }[];
let otherStreetGrid: { id: number; code: string };
let farGridId: number;
const minCount = readConfig().minCellCount;
const ownCodes: string[] = [];
const ownPoints: [number, number][] = [];

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 }, { clock: () => NOW });
  const db = platform.db;
  leader = await signIn(platform, await makeAccount(platform, 'leader', '320213021'));
  admin = await signIn(platform, await makeAccount(platform, 'admin', '320213'));
  grids = await db.query<{ id: number; code: string }>(
    "select id, code from grid where valid_to is null and code like '320213021%' order by code limit 3",
  );
  [otherStreetGrid] = await db.query<{ id: number; code: string }>(
    "select id, code from grid where valid_to is null and code like '320213022%' order by code limit 1",
  ) as [{ id: number; code: string }];
  await writeCases();
});
afterAll(() => platform.close());

// ---- The test's own cases, written in SQL with known timings ----

let serial = 0;
/** A tracking code of the stored form, apart from any random one (they are Crockford base32 drawn at random). */
function nextCode(): string {
  serial += 1;
  return `TQZZ-${String(serial).padStart(4, '0')}-ZZTQ`;
}

interface Step {
  kind: string;
  at: Date;
  status: string;
  details?: Record<string, unknown>;
}

interface NewCase {
  gridId: number;
  status: string;
  created: Date;
  category?: string;
  /** Where (default: a point on the grid's surface). */
  point?: [number, number];
  steps?: Step[];
  closedAt?: Date;
}

async function writeCase(c: NewCase): Promise<{ id: number; code: string; lng: number; lat: number }> {
  const code = nextCode();
  const acceptDeadline = new Date(c.created.getTime() + DAY);
  const closeDeadline = new Date(c.created.getTime() + 5 * DAY);
  const [row] = await platform.db.query<{ id: number; lng: number; lat: number }>(
    `insert into civic_case (code, category_id, description, geom, grid_id, status, created_at, accept_deadline,
                             close_deadline, closed_at, updated_at, reporter_phone)
     select $1, $2, '测试：路灯不亮', coalesce(ST_SetSRID(ST_MakePoint($8::float8, $9::float8), 4326), ST_PointOnSurface(g.geom)),
            g.id, $3, $4, $5, $6, $7, $4, '13900000000'
     from grid g where g.id = $10
     returning id, ST_X(geom) as lng, ST_Y(geom) as lat`,
    [code, c.category ?? 'repair', c.status, c.created, acceptDeadline, closeDeadline, c.closedAt ?? null,
     c.point?.[0] ?? null, c.point?.[1] ?? null, c.gridId],
  );
  const steps: Step[] = [{ kind: 'created', at: c.created, status: 'pending' }, ...(c.steps ?? [])];
  for (const s of steps) {
    await platform.db.query(
      `insert into case_event (case_id, at, kind, status, grid_id, actor, note, details)
       values ($1, $2, $3, $4, $5, case when $3 in ('created', 'rated') then null else 'tester' end, null, $6::jsonb)`,
      [row!.id, s.at, s.kind, s.status, c.gridId, s.details ? JSON.stringify(s.details) : null],
    );
  }
  ownCodes.push(code);
  ownPoints.push([row!.lng, row!.lat]);
  return { id: row!.id, code, lng: row!.lng, lat: row!.lat };
}

/** Days after `created`, e.g. h(c, 0, 2) two hours after. */
const after = (created: Date, days: number, hours = 0) => new Date(created.getTime() + days * DAY + hours * HOUR);

async function writeCases(): Promise<void> {
  const a = grids[0]!;
  const b = grids[1]!;
  // Grid A: on time and rated satisfied; late on both and rated dissatisfied; never accepted.
  const c1 = at(-20);
  await writeCase({
    gridId: a.id, status: 'rated', created: c1, closedAt: after(c1, 2),
    steps: [
      { kind: 'accepted', at: after(c1, 0, 2), status: 'accepted' },
      { kind: 'started', at: after(c1, 0, 3), status: 'in_progress' },
      { kind: 'closed', at: after(c1, 2), status: 'closed' },
      { kind: 'rated', at: after(c1, 3), status: 'rated', details: { rating: 'satisfied' } },
    ],
  });
  const c2 = at(-18);
  await writeCase({
    gridId: a.id, status: 'rated', created: c2, closedAt: after(c2, 7),
    steps: [
      { kind: 'escalated', at: after(c2, 1, 1), status: 'pending', details: { level: 'community' } },
      { kind: 'accepted', at: after(c2, 2), status: 'accepted' },
      { kind: 'closed', at: after(c2, 7), status: 'closed' },
      { kind: 'rated', at: after(c2, 8), status: 'rated', details: { rating: 'dissatisfied' } },
    ],
  });
  await writeCase({ gridId: a.id, status: 'pending', created: at(-10) });
  // Grid B: accepted on transfer in time and still in hand past its close deadline; refused in
  // time; a duplicate merged into another (not counted); one reported an hour ago.
  const c4 = at(-8);
  await writeCase({
    gridId: b.id, status: 'in_progress', created: c4,
    steps: [
      { kind: 'transferred', at: after(c4, 0, 1), status: 'pending', details: { fromGridCode: 'x', toGridCode: 'y' } },
      { kind: 'transfer_accepted', at: after(c4, 0, 5), status: 'accepted' },
      { kind: 'started', at: after(c4, 1), status: 'in_progress' },
    ],
  });
  const c5 = at(-6);
  await writeCase({ gridId: b.id, status: 'rejected', created: c5, closedAt: after(c5, 0, 4), steps: [{ kind: 'rejected', at: after(c5, 0, 4), status: 'rejected' }] });
  const c6 = at(-6, 2);
  await writeCase({ gridId: b.id, status: 'merged', created: c6, closedAt: after(c6, 0, 1), steps: [{ kind: 'merged', at: after(c6, 0, 1), status: 'merged', details: { intoCode: 'x' } }] });
  await writeCase({ gridId: b.id, status: 'pending', created: at(0, -1) });
  // Grid B again: closed on time, basically satisfied, and closed on time, not rated.
  const c8 = at(-12);
  await writeCase({
    gridId: b.id, status: 'rated', created: c8, closedAt: after(c8, 1),
    steps: [
      { kind: 'accepted', at: after(c8, 0, 20), status: 'accepted' },
      { kind: 'closed', at: after(c8, 1), status: 'closed' },
      { kind: 'rated', at: after(c8, 2), status: 'rated', details: { rating: 'basically_satisfied' } },
    ],
  });
  const c9 = at(-11);
  await writeCase({
    gridId: b.id, status: 'closed', created: c9, closedAt: after(c9, 4),
    steps: [
      { kind: 'accepted', at: after(c9, 0, 1), status: 'accepted' },
      { kind: 'closed', at: after(c9, 4), status: 'closed' },
    ],
  });
  // For the density: seven closed sanitation cases at one place of grid A, two at one place of
  // the street's grid farthest from it (its own cell); one case in the other street.
  const [here] = await platform.db.query<{ lng: number; lat: number }>(
    'select ST_X(p) as lng, ST_Y(p) as lat from (select ST_PointOnSurface(geom) as p from grid where id = $1) x', [a.id]);
  const [far] = await platform.db.query<{ id: number; lng: number; lat: number }>(
    `select id, ST_X(p) as lng, ST_Y(p) as lat
     from (select id, ST_PointOnSurface(geom) as p from grid where valid_to is null and code like '320213021%') x
     order by ST_Distance(p, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)) desc limit 1`, [here!.lng, here!.lat]);
  farGridId = far!.id;
  const closedAt = (created: Date) => [{ kind: 'closed', at: after(created, 1), status: 'closed' }];
  for (let i = 0; i < minCount + 2; i++) {
    const created = at(-30 - i);
    await writeCase({ gridId: a.id, status: 'closed', created, closedAt: after(created, 1), category: 'sanitation', point: [here!.lng, here!.lat], steps: closedAt(created) });
  }
  for (let i = 0; i < 2; i++) {
    const created = at(-25 - i);
    await writeCase({ gridId: far!.id, status: 'closed', created, closedAt: after(created, 1), category: 'sanitation', point: [far!.lng, far!.lat], steps: closedAt(created) });
  }
  await writeCase({ gridId: otherStreetGrid.id, status: 'pending', created: at(-3) });
}

// ---- An independent recount from the tables ----

interface CaseRow {
  id: number;
  grid_id: number;
  status: string;
  created_at: Date;
  accept_deadline: Date;
  close_deadline: Date;
}
interface EventRow {
  case_id: number;
  id: number;
  at: Date;
  kind: string;
  details: { rating?: string } | string | null;
}

async function recount(gridId: number, from: Date, to: Date): Promise<Omit<GridScore, 'gridCode' | 'gridName' | 'communityCode' | 'communityName'>> {
  const cases = await platform.db.query<CaseRow>('select id, grid_id, status, created_at, accept_deadline, close_deadline from civic_case where grid_id = $1', [gridId]);
  const events = await platform.db.query<EventRow>(
    'select e.case_id, e.id, e.at, e.kind, e.details from case_event e join civic_case c on c.id = e.case_id where c.grid_id = $1 order by e.at, e.id', [gridId]);
  const t = (d: Date | string) => new Date(d).getTime();
  const now = NOW.getTime();
  let n = 0, acceptDue = 0, acceptedOnTime = 0, closeDue = 0, closedOnTime = 0, rated = 0, satisfied = 0, overdueNow = 0;
  const hours: number[] = [];
  for (const c of cases) {
    const open = ['pending', 'accepted', 'in_progress'].includes(c.status);
    if (open && ((c.status === 'pending' && t(c.accept_deadline) < now) || t(c.close_deadline) < now)) overdueNow++;
    if (t(c.created_at) < from.getTime() || t(c.created_at) >= to.getTime()) continue;
    const mine = events.filter((e) => e.case_id === c.id && t(e.at) <= now);
    if (mine.some((e) => e.kind === 'merged')) continue;
    n++;
    const answered = mine.find((e) => ['accepted', 'transfer_accepted', 'rejected'].includes(e.kind));
    const closed = mine.find((e) => e.kind === 'closed');
    const refused = mine.some((e) => e.kind === 'rejected');
    const ratings = mine.filter((e) => e.kind === 'rated');
    if (t(c.accept_deadline) <= now || answered) {
      acceptDue++;
      if (answered && t(answered.at) <= t(c.accept_deadline)) acceptedOnTime++;
    }
    if (!refused && (t(c.close_deadline) <= now || closed)) {
      closeDue++;
      if (closed && t(closed.at) <= t(c.close_deadline)) closedOnTime++;
    }
    if (closed) hours.push((t(closed.at) - t(c.created_at)) / HOUR);
    const last = ratings.at(-1);
    if (last) {
      const details = typeof last.details === 'string' ? (JSON.parse(last.details) as { rating?: string }) : last.details;
      rated++;
      if (details?.rating === 'satisfied' || details?.rating === 'basically_satisfied') satisfied++;
    }
  }
  hours.sort((x, y) => x - y);
  const mid = hours.length / 2;
  const median = hours.length === 0 ? null : hours.length % 2 ? hours[Math.floor(mid)]! : (hours[mid - 1]! + hours[mid]!) / 2;
  const rate = (p: number, w: number) => (w > 0 ? Math.round((p / w) * 10000) / 10000 : null);
  return {
    gridId, cases: n, acceptDue, acceptedOnTime, acceptedOnTimeRate: rate(acceptedOnTime, acceptDue),
    closeDue, closedOnTime, closedOnTimeRate: rate(closedOnTime, closeDue),
    medianHoursToClose: median === null ? null : Math.round(median * 10) / 10,
    rated, satisfied, satisfactionRate: rate(satisfied, rated), overdueNow,
  };
}

const getJson = async <T>(p: string, cookie?: string): Promise<T> => {
  const res = await send(platform, 'GET', p, cookie);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
};

// Periods are China dates: 2031-02-01 … 2031-03-12 holds every case this file wrote.
const PERIOD = 'from=2031-02-01&to=2031-03-12';

describe('the per-grid scorecard', () => {
  it('equals a recount from the event table, grid by grid', async () => {
    const card = await getJson<CaseScorecard>(`/api/case-stats/scorecard?region=320213021&${PERIOD}`, leader);
    expect(card.region).toBe('320213021');
    expect(card.grids.every((g) => g.gridCode.startsWith('320213021'))).toBe(true);
    for (const g of [...grids, { id: farGridId, code: 'far' }]) {
      const shown = card.grids.find((s) => s.gridId === g.id)!;
      const { gridId, ...expected } = await recount(g.id, new Date('2031-01-31T16:00:00Z'), new Date('2031-03-12T16:00:00Z'));
      expect(gridId).toBe(shown.gridId);
      expect(shown, g.code).toMatchObject(expected);
    }
  });

  it('gives the figures the timings make: on time, late, never accepted, refused, merged, rated', async () => {
    const card = await getJson<CaseScorecard>(`/api/case-stats/scorecard?region=320213021&${PERIOD}`, leader);
    const [a, b, c] = grids.map((g) => card.grids.find((s) => s.gridId === g.id)!) as [GridScore, GridScore, GridScore];
    // A: 3 reported + 7 closed for the density; of the first three one accepted on time, one late, one never.
    expect(a).toMatchObject({ cases: 3 + minCount + 2, acceptDue: 3 + minCount + 2, acceptedOnTime: 1, rated: 2, satisfied: 1, satisfactionRate: 0.5 });
    expect(a.closeDue).toBe(3 + minCount + 2);
    expect(a.closedOnTime).toBe(1 + minCount + 2);
    expect(a.overdueNow).toBeGreaterThanOrEqual(1);
    // B: the transfer accepted in time, the refusal in time, two more in time; the new one not due yet; the duplicate not counted.
    expect(b).toMatchObject({ cases: 5, acceptDue: 4, acceptedOnTime: 4, rated: 1, satisfied: 1, satisfactionRate: 1 });
    expect(b.closeDue).toBe(3); // the one in hand past its deadline and the two closed; not the refused one
    expect(b.closedOnTime).toBe(2);
    expect(b.closedOnTimeRate).toBe(0.6667);
    expect(b.medianHoursToClose).toBe(60); // closed after 24 and 96 hours
    expect(c).toMatchObject({ cases: 0, acceptedOnTimeRate: null, closedOnTimeRate: null, medianHoursToClose: null, satisfactionRate: null });
  });

  it('follows the workflow: a case accepted and closed through the API raises the grid\'s on-time counts', async () => {
    const url = `/api/case-stats/scorecard?region=320213021&${PERIOD}`;
    const gridOf = (card: CaseScorecard) => card.grids.find((s) => s.gridId === grids[2]!.id)!;
    const before = gridOf(await getJson<CaseScorecard>(url, leader));
    const c = await writeCase({ gridId: grids[2]!.id, status: 'pending', created: at(0, -2) });
    const pending = gridOf(await getJson<CaseScorecard>(url, leader));
    expect(pending.cases).toBe(before.cases + 1);
    expect(pending.acceptDue).toBe(before.acceptDue); // not due yet, not answered
    const accept = await send(platform, 'POST', `/api/cases/${c.id}/actions`, leader, { action: 'accept', version: 1 });
    expect(accept.status, await accept.clone().text()).toBe(200);
    const close = await send(platform, 'POST', `/api/cases/${c.id}/actions`, leader, { action: 'close', version: 2, note: '已修复' });
    expect(close.status, await close.clone().text()).toBe(200);
    const after = gridOf(await getJson<CaseScorecard>(url, leader));
    expect(after.acceptDue).toBe(before.acceptDue + 1);
    expect(after.acceptedOnTime).toBe(before.acceptedOnTime + 1);
    expect(after.closeDue).toBe(before.closeDue + 1);
    expect(after.closedOnTime).toBe(before.closedOnTime + 1);
    expect(after.medianHoursToClose).not.toBeNull();
    const { gridId, ...expected } = await recount(grids[2]!.id, new Date('2031-01-31T16:00:00Z'), new Date('2031-03-12T16:00:00Z'));
    expect(gridId).toBe(after.gridId);
    expect(after).toMatchObject(expected);
  });

  it('moves with the period asked for: a period before the cases counts none of them', async () => {
    const card = await getJson<CaseScorecard>('/api/case-stats/scorecard?region=320213021&from=2031-01-01&to=2031-01-15', leader);
    const a = card.grids.find((s) => s.gridId === grids[0]!.id)!;
    expect(a.cases).toBe(0);
    expect(a.acceptedOnTimeRate).toBeNull();
  });

  it('downloads as CSV with the same figures as the JSON, and records the download', async () => {
    const card = await getJson<CaseScorecard>(`/api/case-stats/scorecard?region=320213021&${PERIOD}`, leader);
    const before = await platform.db.query<{ n: number }>("select count(*)::integer as n from audit_log where action = 'case.export'");
    const res = await send(platform, 'GET', `/api/case-stats/scorecard?region=320213021&${PERIOD}&format=csv`, leader);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte order mark, for Excel
    const rows = parse(new TextDecoder().decode(bytes), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(card.grids.length);
    const pct = (r: number | null) => (r === null ? '' : String(Math.round(r * 1000) / 10));
    card.grids.forEach((g, i) => {
      const row = rows[i]!;
      expect(row['网格编码']).toBe(g.gridCode);
      expect(row['网格名称']).toBe(g.gridName);
      expect(Number(row['件数'])).toBe(g.cases);
      expect(row['按时受理率(%)']).toBe(pct(g.acceptedOnTimeRate));
      expect(row['按时办结率(%)']).toBe(pct(g.closedOnTimeRate));
      expect(row['办结用时中位数(小时)']).toBe(g.medianHoursToClose === null ? '' : String(g.medianHoursToClose));
      expect(row['满意率(%)']).toBe(pct(g.satisfactionRate));
      expect(Number(row['当前超期'])).toBe(g.overdueNow);
    });
    const after = await platform.db.query<{ n: number }>("select count(*)::integer as n from audit_log where action = 'case.export'");
    expect(after[0]!.n).toBe(before[0]!.n + 1);
  });
});

describe('cases on the map and the trend', () => {
  it('gives staff the points with status and nothing personal', async () => {
    const points = await getJson<CasePoints>(`/api/case-stats/cases?region=320213021&${PERIOD}`, leader);
    expect(points.type).toBe('FeatureCollection');
    const own = points.features.filter((f) => ownCodes.includes(f.properties.code));
    expect(own.length).toBe(ownCodes.length - 1); // all but the one in the other street
    expect(points.total).toBe(points.features.length);
    const text = JSON.stringify(points);
    expect(text).not.toContain('13900000000');
    expect(text).not.toContain('路灯不亮');
    expect(own.find((f) => f.properties.status === 'in_progress')?.properties.overdue).toBe(true);
  });

  it('counts reported, closed and overdue cases per ISO week', async () => {
    const trend = await getJson<CaseTrend>('/api/case-stats/trend?region=320213021&weeks=12', leader);
    expect(trend.weeks).toHaveLength(12);
    expect(trend.weeks.at(-1)!.week).toBe('2031-03-10');
    expect(trend.weeks.every((w) => new Date(`${w.week}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    const reported = trend.weeks.reduce((n, w) => n + w.reported, 0);
    // every case of the street this file wrote but the duplicate, all within twelve weeks
    expect(reported).toBe(ownCodes.length - 2);
    const closed = trend.weeks.reduce((n, w) => n + w.closed, 0);
    expect(closed).toBe(4 + minCount + 2 + 2 + 1); // and the one closed through the API
    // the late closure (due 2031-02-27), the never accepted one (due 2031-03-07) and the one in hand (due 2031-03-09)
    expect(trend.weeks.reduce((n, w) => n + w.overdue, 0)).toBe(3);
  });
});

describe('who may see what', () => {
  it('refuses planners and grid workers (403) and regions outside the scope (403)', async () => {
    const planner = await signIn(platform, await makeAccount(platform, 'planner', '320213'));
    const worker = await signIn(platform, await makeGridWorker(platform, [grids[0]!.code]));
    for (const p of ['/api/case-stats/cases', '/api/case-stats/scorecard', '/api/case-stats/trend', '/api/case-stats/scorecard?format=csv']) {
      const byPlanner = await send(platform, 'GET', p, planner);
      expect(byPlanner.status, p).toBe(403);
      expect(((await byPlanner.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      expect((await send(platform, 'GET', p, worker)).status, p).toBe(403);
      const sep = p.includes('?') ? '&' : '?';
      const outside = await send(platform, 'GET', `${p}${sep}region=320213022`, leader);
      expect(outside.status, p).toBe(403);
      expect(((await outside.json()) as { error: { code: string } }).error.code).toBe('OUTSIDE_SCOPE');
    }
    // the district admin sees the other street
    const card = await getJson<CaseScorecard>('/api/case-stats/scorecard?region=320213022&from=2031-03-01&to=2031-03-12', admin);
    expect(card.grids.find((g) => g.gridId === otherStreetGrid.id)!.cases).toBe(1);
  });

  it('gives anonymous visitors the public density only', async () => {
    for (const p of ['/api/case-stats/cases', '/api/case-stats/scorecard', '/api/case-stats/trend', '/api/case-stats/scorecard?format=csv']) {
      expect((await send(platform, 'GET', p)).status, p).toBe(401);
    }
    expect((await send(platform, 'GET', '/api/case-stats/public-density')).status).toBe(200);
  });

  it('refuses bad values with 400 and changes nothing', async () => {
    for (const q of ['from=2031-13-01', 'from=2031-02-30', 'to=yesterday', 'from=2031-03-12&to=2031-03-01', 'region=abc', 'format=xlsx']) {
      expect((await send(platform, 'GET', `/api/case-stats/scorecard?${q}`, leader)).status, q).toBe(400);
    }
    expect((await send(platform, 'GET', '/api/case-stats/trend?weeks=0', leader)).status).toBe(400);
    expect((await send(platform, 'GET', '/api/case-stats/trend?weeks=53', leader)).status).toBe(400);
    expect((await send(platform, 'GET', '/api/case-stats/public-density?category=nosuch')).status).toBe(400);
    expect((await send(platform, 'GET', '/api/case-stats/public-density?cellMeters=10')).status).toBe(400);
  });
});

describe('the public density of closed cases', () => {
  it('shows no cell under MIN_CELL_COUNT and never a case coordinate', async () => {
    const d = await getJson<CaseDensity>('/api/case-stats/public-density?category=sanitation');
    expect(d.minCount).toBe(minCount);
    expect(d.category).toBe('sanitation');
    expect(d.cells.features.length).toBeGreaterThanOrEqual(1);
    for (const f of d.cells.features) expect(f.properties.count).toBeGreaterThanOrEqual(minCount);
    // the seven at one place make one cell; the two at the other are withheld and counted
    expect(d.cells.features.some((f) => f.properties.count === minCount + 2)).toBe(true);
    expect(d.suppressed).toBeGreaterThanOrEqual(2);
    expect(d.total).toBe(d.suppressed + d.cells.features.reduce((n, f) => n + f.properties.count, 0));
    const text = JSON.stringify(d);
    for (const code of ownCodes) expect(text).not.toContain(code);
    const coordinates = d.cells.features.flatMap((f) => [[f.properties.lng, f.properties.lat], ...f.geometry.coordinates.flat()]);
    for (const [lng, lat] of ownPoints) {
      expect(coordinates.some(([x, y]) => Math.abs(x! - lng) < 1e-6 && Math.abs(y! - lat) < 1e-6)).toBe(false);
    }
  });

  it('counts only the category asked for, over the whole region rather than a box', async () => {
    const repair = await getJson<CaseDensity>('/api/case-stats/public-density?category=repair');
    const all = await getJson<CaseDensity>('/api/case-stats/public-density');
    expect(repair.total).toBeLessThan(all.total);
    expect(all.total).toBeGreaterThanOrEqual(minCount + 2 + 2 + 3);
    const boxed = await send(platform, 'GET', '/api/case-stats/public-density?bbox=120,31,121,32');
    // an unknown parameter does not narrow the figures
    expect(boxed.status).toBe(200);
    expect(((await boxed.json()) as CaseDensity).total).toBe(all.total);
  });
});
