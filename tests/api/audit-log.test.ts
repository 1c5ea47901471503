import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTION_NAMES } from '../../server/src/audit/audit-names.ts';
import { AUDIT_ACTIONS } from '../../server/src/contract/audit.ts';
import { zhCN } from '../../client/src/i18n/zh-CN.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

interface Entry {
  actor: string | null;
  action: string;
  entity: string | null;
  entityIds: string[];
  targets: { id: string; name: string | null; code: string | null }[];
  regionName: string | null;
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

describe('a readable log', () => {
  it('records disabling and enabling an account, naming the account', async () => {
    const account = await makeAccount(platform, 'leader', '320213021');
    expect((await send(platform, 'POST', `/api/users/${account.id}/disable`, adminCookie)).status).toBe(200);
    expect((await send(platform, 'POST', `/api/users/${account.id}/enable`, adminCookie)).status).toBe(200);
    const [enable, disable] = await entries(`action=user.&actor=${adminName}&limit=2`);
    expect(disable).toMatchObject({ action: 'user.disable', entity: 'user', entityIds: [String(account.id)] });
    expect(disable!.targets).toEqual([{ id: String(account.id), name: '测试leader', code: account.username }]);
    expect(enable).toMatchObject({ action: 'user.enable', entityIds: [String(account.id)] });
    // A second disable of a disabled account changes nothing and is not recorded twice.
    await send(platform, 'POST', `/api/users/${account.id}/disable`, adminCookie);
    await send(platform, 'POST', `/api/users/${account.id}/disable`, adminCookie);
    expect((await entries(`action=user.disable&actor=${adminName}`)).filter((e) => e.entityIds[0] === String(account.id))).toHaveLength(2);
    // The refused sign-in of a disabled account is recorded too.
    await send(platform, 'POST', '/api/auth/login', undefined, { username: account.username, password: account.password });
    const [refused] = await entries(`action=auth.login_disabled&actor=${account.username}`);
    expect(refused).toMatchObject({ entity: 'user', entityIds: [String(account.id)] });
  });

  it('names grids by name and code, and the region of an export', async () => {
    const [grid] = await platform.db.query<{ id: number; name: string; code: string; version: number }>(
      "select id, name, code, version from grid where valid_to is null and code like '320213021%' order by id limit 1",
    );
    const res = await send(platform, 'PUT', `/api/grids/${grid!.id}`, adminCookie, {
      type: 'Feature', geometry: null, properties: { households: 123, version: grid!.version }, note: '审计测试',
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const [edit] = await entries(`action=grid.update&actor=${adminName}`);
    expect(edit!.targets[0]).toEqual({ id: String(grid!.id), name: grid!.name, code: grid!.code });

    expect((await send(platform, 'GET', '/api/exports/grids?region=320213021&format=csv', adminCookie)).status).toBe(200);
    const [exported] = await entries(`action=export.&actor=${adminName}`);
    expect(exported).toMatchObject({ action: 'export.grids', regionName: expect.any(String) });
    expect(exported!.details).toMatchObject({ region: '320213021', format: 'csv' });
  });

  it('has a Chinese name for every action the server records, the same on both sides', () => {
    for (const action of AUDIT_ACTIONS) {
      expect(zhCN[`auditAction.${action}`], action).toBe(AUDIT_ACTION_NAMES[action]);
    }
  });
});

describe('the audit CSV export', () => {
  async function exportCsv(cookie: string, query = ''): Promise<{ res: Response; text: string }> {
    const res = await send(platform, 'GET', `/api/audit/export${query}`, cookie);
    return { res, text: await res.text() };
  }

  it('writes the filtered log with names, and is itself recorded', async () => {
    const account = await makeAccount(platform, 'planner', '320213021');
    await send(platform, 'POST', `/api/users/${account.id}/disable`, adminCookie);
    const { res, text } = await exportCsv(adminCookie, `?action=user.disable&actor=${adminName}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('时间,操作人,操作,操作代码,对象类型,对象,区划,版本,详情,IP 地址');
    expect(lines.slice(1).every((l) => l.includes(',停用账号,user.disable,账号,'))).toBe(true);
    expect(text).toContain(`测试planner (${account.username})`);

    const [recorded] = await entries(`action=audit.export&actor=${adminName}`);
    expect(recorded?.details).toMatchObject({ format: 'csv', count: lines.length - 1, filters: { action: 'user.disable' } });
  });

  it('keeps to the admin scope and never lists member records', async () => {
    const community = (await platform.db.query<{ code: string }>("select code from region where level = 'community' and code like '320213021%' order by code limit 1"))[0]!.code;
    const read = await send(platform, 'GET', `/api/members?community=${community}&limit=5`, adminCookie);
    const { members } = (await read.json()) as { members: { id: number; name: string; phone: string | null }[] };
    expect(members.length).toBeGreaterThan(0);
    const outsider = await makeAccount(platform, 'planner', '320213022');
    await signIn(platform, outsider);

    const { text } = await exportCsv(adminCookie);
    expect(text).toContain(',member.read,党员,');
    for (const m of members) {
      expect(text).not.toContain(m.name);
      if (m.phone) expect(text).not.toContain(m.phone);
    }
    expect(text).not.toMatch(new RegExp(`#${members[0]!.id}\\b`));
    expect(text).toContain(outsider.username);

    // A street admin sees only what accounts of the street did.
    const streetAdmin = await makeAccount(platform, 'admin', '320213021');
    const { res, text: streetText } = await exportCsv(await signIn(platform, streetAdmin));
    expect(res.status).toBe(200);
    expect(streetText).not.toContain(outsider.username);
    expect(streetText).not.toContain(adminName);
    expect(streetText).toContain(streetAdmin.username);
  });

  it('is for admins only, and refuses bad filters with 400', async () => {
    const leader = await signIn(platform, await makeAccount(platform, 'leader', '320213'));
    expect((await exportCsv(leader)).res.status).toBe(403);
    expect((await send(platform, 'GET', '/api/audit/export')).status).toBe(401);
    expect((await exportCsv(adminCookie, '?from=yesterday')).res.status).toBe(400);
  });
});
