import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

interface Entry {
  actor: string | null;
  action: string;
  entity: string | null;
  entityIds: string[];
  details: Record<string, unknown> | null;
}

let platform: TestPlatform;
let adminCookie: string;
let adminName: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  const admin = await makeAccount(platform, 'admin', '320213');
  adminName = admin.username;
  adminCookie = await signIn(platform, admin);
});
afterAll(() => platform.close());

async function entries(query: string): Promise<Entry[]> {
  const res = await send(platform, 'GET', `/api/audit?${query}`, adminCookie);
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: Entry[] }).entries;
}

describe('the audit log', () => {
  it('records a write with who, what and the affected ids', async () => {
    const planner = await makeAccount(platform, 'planner', '320213');
    const cookie = await signIn(platform, planner);
    const res = await send(platform, 'POST', '/api/facilities', cookie, {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [120.3, 31.57] },
      properties: { name: '审计测试服务站', kind: 'station' },
    });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: number }).id;
    const [entry] = await entries(`action=facility.create&actor=${planner.username}`);
    expect(entry).toMatchObject({ actor: planner.username, action: 'facility.create', entity: 'facility', entityIds: [String(id)] });
  });

  it('records every read of member records', async () => {
    const community = (await platform.db.query<{ code: string }>("select code from region where level = 'community' order by code limit 1"))[0]!.code;
    const res = await send(platform, 'GET', `/api/members?community=${community}&limit=3`, adminCookie);
    expect(res.status).toBe(200);
    const { members } = (await res.json()) as { members: { id: number; name: string }[] };
    expect(members.length).toBeGreaterThan(0);
    expect(members[0]).not.toHaveProperty('home');
    const [entry] = await entries(`action=member.read&actor=${adminName}`);
    expect(entry?.entityIds).toEqual(members.map((m) => String(m.id)));
    expect(entry?.details).toMatchObject({ community, count: members.length });
  });

  it('records failed sign-ins and filters by action', async () => {
    await send(platform, 'POST', '/api/auth/login', undefined, { username: 'intruder_x', password: 'guess-guess' });
    const failed = await entries('action=auth.login_failed');
    expect(failed.some((e) => e.details?.username === 'intruder_x')).toBe(true);
    expect(failed.every((e) => e.action === 'auth.login_failed')).toBe(true);
  });

  it('cannot be changed or deleted, even by the database owner', async () => {
    await expect(platform.db.query("update audit_log set action = 'tampered'")).rejects.toThrow(/append-only/);
    await expect(platform.db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(platform.db.query('truncate audit_log')).rejects.toThrow(/append-only/);
    const [row] = await platform.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'tampered'");
    expect(row!.n).toBe(0);
  });
});
