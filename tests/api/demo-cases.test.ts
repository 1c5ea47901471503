import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccounts, DEMO_ACCOUNTS_FILE, type DemoAccount } from '../../server/src/accounts/demo-accounts.ts';
import { CASE_STATUSES } from '../../server/src/contract/cases.ts';
import { loadDemoCases } from '../../server/src/demo/demo-cases.ts';
import { login, send } from '../support/accounts.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// The demo 民情 a first start adds (platform.ts runs loadDemoCases after the demo district):
// every status, each case's events a walk through the workflow that ends in its status, each case
// inside the grid it was reported to, and the demo grid workers with work in their grids.

interface CaseRow {
  id: number;
  code: string;
  category_id: string;
  status: string;
  version: number;
  grid_id: number;
  transfer_grid_id: number | null;
  escalation: string | null;
  merged_into: number | null;
  reporter_phone: string | null;
  rating: string | null;
  created_at: Date;
  accept_deadline: Date;
  close_deadline: Date;
  accepted_at: Date | null;
  closed_at: Date | null;
  updated_at: Date;
}
interface EventRow {
  case_id: number;
  at: Date;
  kind: string;
  status: string;
  grid_id: number;
  actor: string | null;
  details: Record<string, unknown> | null;
}

/** The status each step may come from, and the one it leaves (null: unchanged). */
const STEPS: Record<string, { from: string[]; to: string | null }> = {
  accepted: { from: ['pending'], to: 'accepted' },
  started: { from: ['accepted'], to: 'in_progress' },
  closed: { from: ['accepted', 'in_progress'], to: 'closed' },
  rated: { from: ['closed'], to: 'rated' },
  rejected: { from: ['pending', 'accepted'], to: 'rejected' },
  merged: { from: ['pending', 'accepted', 'in_progress'], to: 'merged' },
  transferred: { from: ['pending', 'accepted', 'in_progress'], to: null },
  transfer_accepted: { from: ['pending', 'accepted', 'in_progress'], to: 'accepted' },
  transfer_declined: { from: ['pending', 'accepted', 'in_progress'], to: null },
  escalated: { from: ['pending', 'accepted', 'in_progress'], to: null },
};

let platform: TestPlatform;
let now: Date;
let loaded: number;
let accounts: DemoAccount[];
let dataDir: string;
let cases: CaseRow[];
let events: Map<number, EventRow[]>;

beforeAll(async () => {
  platform = await startTestPlatform();
  now = new Date();
  loaded = await loadDemoCases(platform.db, now);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-demo-cases-'));
  accounts = await createDemoAccounts(platform.db, dataDir);
  cases = await platform.db.query<CaseRow>('select * from civic_case order by id');
  events = new Map();
  for (const e of await platform.db.query<EventRow>('select case_id, at, kind, status, grid_id, actor, details from case_event order by case_id, at, id')) {
    events.set(e.case_id, [...(events.get(e.case_id) ?? []), e]);
  }
});
afterAll(async () => {
  await platform.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo cases', () => {
  it('are a few hundred over the last 90 days, in every status, some overdue now', async () => {
    expect(loaded).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(cases.length).toBeLessThanOrEqual(600);
    const statuses = new Set(cases.map((c) => c.status));
    for (const status of CASE_STATUSES) expect(statuses, status).toContain(status);
    for (const c of cases) {
      expect(c.created_at.getTime()).toBeGreaterThan(now.getTime() - 91 * 86_400_000);
      expect(c.updated_at.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    const open = (c: CaseRow) => ['pending', 'accepted', 'in_progress'].includes(c.status);
    const overdue = cases.filter((c) => (c.status === 'pending' && c.accept_deadline < now) || (open(c) && c.close_deadline < now));
    expect(overdue.length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.transfer_grid_id !== null).length).toBeGreaterThan(0);
    expect(new Set(cases.map((c) => c.category_id)).size).toBe(6);
    // A few with a phone for a call back, all in the demo's range no real number uses (100…); no photos.
    const phones = cases.filter((c) => c.reporter_phone !== null);
    expect(phones.length).toBeGreaterThan(0);
    for (const c of phones) expect(c.reporter_phone).toMatch(/^100\d{8}$/);
    const [photos] = await platform.db.query<{ n: number }>('select count(*)::integer as n from case_photo');
    expect(photos!.n).toBe(0);
  });

  it('have events that walk the workflow to the status each case has', () => {
    for (const c of cases) {
      const list = events.get(c.id) ?? [];
      const where = `case ${c.code} (${c.status})`;
      expect(list[0]?.kind, where).toBe('created');
      expect(list[0]?.status, where).toBe('pending');
      expect(list[0]!.at.getTime(), where).toBe(c.created_at.getTime());
      let status = 'pending';
      for (const e of list.slice(1)) {
        const step = STEPS[e.kind];
        expect(step, `${where}: ${e.kind}`).toBeDefined();
        expect(step!.from, `${where}: ${e.kind} from ${status}`).toContain(status);
        status = step!.to ?? status;
        expect(e.status, `${where}: ${e.kind}`).toBe(status);
        expect(e.at.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(e.actor === null, `${where}: ${e.kind} by ${e.actor}`).toBe(['rated', 'escalated'].includes(e.kind));
      }
      expect(status, where).toBe(c.status);
      expect(c.version, where).toBe(list.filter((e) => e.kind !== 'escalated').length);
      expect(c.updated_at.getTime(), where).toBe(list.at(-1)!.at.getTime());
      const first = (kind: string) => list.find((e) => e.kind === kind);
      if (c.status === 'closed' || c.status === 'rated') {
        const accepted = first('accepted') ?? first('transfer_accepted');
        expect(first('closed')!.at.getTime(), where).toBeGreaterThan(accepted!.at.getTime());
        expect(c.closed_at?.getTime(), where).toBe(first('closed')!.at.getTime());
      }
      if (c.status === 'rated') expect(first('rated')?.details, where).toEqual({ rating: c.rating });
      if (['accepted', 'in_progress', 'closed', 'rated'].includes(c.status)) expect(c.accepted_at, where).not.toBeNull();
      if (c.status === 'rejected') expect(c.closed_at?.getTime(), where).toBe(first('rejected')!.at.getTime());
      // The escalation the sweeper would have made, a minute after the deadline passed.
      const escalations = list.filter((e) => e.kind === 'escalated');
      expect(c.escalation, where).toBe((escalations.at(-1)?.details?.['level'] as string | undefined) ?? null);
      if (c.status === 'pending' && c.accept_deadline.getTime() + 60_000 <= now.getTime()) expect(c.escalation, where).not.toBeNull();
    }
  });

  it('each lie in the grid they were reported to, and answer to the grid of their last step', async () => {
    const [outside] = await platform.db.query<{ n: number }>(
      `select count(*)::integer as n
       from civic_case c
       join case_event e on e.case_id = c.id and e.kind = 'created'
       join grid g on g.id = e.grid_id
       where g.valid_to is not null or not ST_Intersects(g.geom, c.geom)`,
    );
    expect(outside!.n).toBe(0);
    for (const c of cases) {
      const list = events.get(c.id)!;
      expect(c.grid_id, c.code).toBe(list.at(-1)!.grid_id);
      const moved = list.filter((e) => e.kind === 'transfer_accepted');
      if (moved.length === 0) expect(c.grid_id, c.code).toBe(list[0]!.grid_id);
      if (c.transfer_grid_id !== null) expect(list.filter((e) => e.kind.startsWith('transfer')).at(-1)?.kind, c.code).toBe('transferred');
    }
  });

  it('merge only true duplicates: same category, within 50 m and 7 days', async () => {
    const merged = await platform.db.query<{ same_category: boolean; metres: number; days: number; into_status: string }>(
      `select c.category_id = d.category_id as same_category, ST_Distance(c.geom::geography, d.geom::geography) as metres,
              abs(extract(epoch from c.created_at - d.created_at))::float8 / 86400 as days, d.status as into_status
       from civic_case c join civic_case d on d.id = c.merged_into
       where c.status = 'merged'`,
    );
    expect(merged.length).toBe(cases.filter((c) => c.status === 'merged').length);
    for (const m of merged) {
      expect(m.same_category).toBe(true);
      expect(m.metres).toBeLessThanOrEqual(50);
      expect(m.days).toBeLessThanOrEqual(7);
      expect(['merged', 'rejected']).not.toContain(m.into_status);
    }
  });

  it('give the demo grid workers, listed in demo-accounts.txt, work in their two grids; they can sign in', async () => {
    const workers = accounts.filter((a) => a.role === 'gridworker');
    expect(workers.map((w) => w.username)).toEqual(['wanggeyuan', 'wanggeyuan2']);
    expect(workers[0]!.regionCode).toBe('320213021001');
    const listed = fs.readFileSync(path.join(dataDir, DEMO_ACCOUNTS_FILE), 'utf8');
    for (const w of workers) expect(listed).toContain(`gridworker\t${w.username}\t${w.password}\t${w.regionCode}\n`);

    for (const w of workers) {
      const res = await login(platform, w.username, w.password);
      expect(res.status).toBe(200);
      const { user } = (await res.json()) as { user: { role: string; gridCodes: string[] } };
      expect(user.role).toBe('gridworker');
      expect(user.gridCodes).toHaveLength(2);
      const [work] = await platform.db.query<{ open: number; all: number }>(
        `select count(*) filter (where c.status in ('pending', 'accepted', 'in_progress'))::integer as open, count(*)::integer as all
         from civic_case c join grid g on g.id = c.grid_id where g.code = any ($1::text[])`,
        [user.gridCodes],
      );
      expect(work!.all, w.username).toBeGreaterThanOrEqual(10);
      expect(work!.open, w.username).toBeGreaterThan(0);

      // 我的网格 lists them: their open cases (and transfers waiting for them), then all of them.
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      const open = await send(platform, 'GET', '/api/cases?status=open&limit=100', cookie);
      expect(open.status, await open.clone().text()).toBe(200);
      const listed = (await open.json()) as { cases: { gridCode: string; status: string }[]; total: number };
      expect(listed.total).toBeGreaterThanOrEqual(work!.open);
      expect(listed.cases.filter((c) => user.gridCodes.includes(c.gridCode))).toHaveLength(work!.open);
      const all = (await (await send(platform, 'GET', '/api/cases?status=all&limit=100', cookie)).json()) as { total: number };
      expect(all.total).toBeGreaterThanOrEqual(work!.all);
    }
  });
});
