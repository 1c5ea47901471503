import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { readConfig } from '../../server/src/config.ts';
import { login, makeAccount, send, signIn } from '../support/accounts.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ sessionIdleMinutes: 30 });
});
afterAll(() => platform.close());

describe('sign-in', () => {
  it('signs in, tells who is signed in, and signs out for good', async () => {
    const account = await makeAccount(platform, 'leader', '320213');
    const res = await login(platform, account.username, account.password);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^wgdt_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;

    const me = await send(platform, 'GET', '/api/auth/me', cookie);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: unknown }).user).toMatchObject({
      username: account.username,
      role: 'leader',
      regionCode: '320213',
      regionName: '梁溪区',
    });

    expect((await send(platform, 'POST', '/api/auth/logout', cookie)).status).toBe(204);
    expect((await send(platform, 'GET', '/api/auth/me', cookie)).status).toBe(401);
  });

  it('answers a wrong password and an unknown user the same way, without a hint', async () => {
    const account = await makeAccount(platform, 'planner', '320213');
    const wrong = await login(platform, account.username, 'not-the-password');
    const unknown = await login(platform, 'nobody_by_this_name', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('stores an argon2id hash with m ≥ 19456 KiB, t ≥ 2, p = 1', async () => {
    const account = await makeAccount(platform, 'admin', '320213');
    const [row] = await platform.db.query<{ hash: string }>('select password_hash as hash from app_user where id = $1', [account.id]);
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row!.hash);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(19456);
    expect(Number(match![2])).toBeGreaterThanOrEqual(2);
    expect(Number(match![3])).toBe(1);
    expect(row!.hash).not.toContain(account.password);
  });

  it('ends a session after the idle time', async () => {
    const account = await makeAccount(platform, 'leader', '320213');
    const cookie = await signIn(platform, account);
    expect((await send(platform, 'GET', '/api/auth/me', cookie)).status).toBe(200);
    await platform.db.query("update session set last_seen = now() - interval '31 minutes' where user_id = $1", [account.id]);
    expect((await send(platform, 'GET', '/api/auth/me', cookie)).status).toBe(401);
  });

  it('refuses a malformed login body with 400', async () => {
    expect((await send(platform, 'POST', '/api/auth/login', undefined, { username: 'x' })).status).toBe(400);
    expect((await send(platform, 'POST', '/api/auth/login', undefined, ['a'])).status).toBe(400);
  });

  it('throttles: the 11th rapid failed login gets 429 with Retry-After, even with the right password', async () => {
    const account = await makeAccount(platform, 'planner', '320213');
    for (let i = 0; i < 10; i++) {
      expect((await login(platform, account.username, `wrong-${i}`)).status).toBe(401);
    }
    const blocked = await login(platform, account.username, account.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('TOO_MANY_ATTEMPTS');
  });
});

describe('sign-in limits shared by every process', () => {
  it('lets at most 10 of 40 concurrent wrong passwords be checked, across two processes on one database', async () => {
    const account = await makeAccount(platform, 'planner', '320213');
    // A second API process: its own app and memory, the same database.
    const other = createApp({ db: platform.db, config: { ...readConfig(), rateLimitPerMinute: 100_000 }, clientDist: os.tmpdir() });
    const server = await new Promise<Server>((resolve) => {
      const s = other.listen(0, '127.0.0.1', () => resolve(s));
    });
    const second = { ...platform, get: (p: string, init?: RequestInit) => fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${p}`, init) };
    try {
      const statuses = await Promise.all(
        Array.from({ length: 40 }, (_, i) => login(i % 2 === 0 ? platform : second, account.username, `wrong-${i}`).then((r) => r.status)),
      );
      const rows = await platform.db.query("select key, attempts, window_start from login_attempt");
      expect(statuses.filter((s) => s === 401), JSON.stringify(rows)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(30);
      // Locked in both processes, even with the right password.
      expect((await login(platform, account.username, account.password)).status).toBe(429);
      expect((await login(second, account.username, account.password)).status).toBe(429);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('starts a username afresh after a successful sign-in', async () => {
    const account = await makeAccount(platform, 'planner', '320213');
    for (let i = 0; i < 9; i++) expect((await login(platform, account.username, `wrong-${i}`)).status).toBe(401);
    expect((await login(platform, account.username, account.password)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await login(platform, account.username, `wrong-again-${i}`)).status).toBe(401);
    expect((await login(platform, account.username, account.password)).status).toBe(429);
  });
});

describe('the session cookie over HTTPS', () => {
  it('is Secure with the __Host- prefix when PUBLIC_URL is https', async () => {
    const https = await startTestPlatform({ publicUrl: 'https://dangjian.example.cn' });
    try {
      const account = await makeAccount(https, 'leader', '320213');
      const res = await login(https, account.username, account.password);
      const setCookie = res.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^__Host-wgdt_session=/);
      expect(setCookie).toMatch(/Secure/);
      expect(setCookie).toMatch(/Path=\//);
      expect(setCookie).not.toMatch(/Domain=/i);
    } finally {
      await https.close();
    }
  });
});

describe('the per-IP sign-in limit', () => {
  it('blocks an address that fails across many usernames', async () => {
    const strict = await startTestPlatform({ loginMaxFailures: 2 });
    try {
      // Per username 2 failures; per IP five times that.
      for (let i = 0; i < 10; i++) expect((await login(strict, `someone_${i}`, 'wrong-password')).status).toBe(401);
      const res = await login(strict, 'someone_else', 'wrong-password');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await strict.close();
    }
  });
});

describe('disabled accounts', () => {
  const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

  it('ends the open sessions at once, refuses sign-in with a clear message, and signs in again once enabled', async () => {
    const admin = await makeAccount(platform, 'admin', '320213');
    const adminCookie = await signIn(platform, admin);
    const leaver = await makeAccount(platform, 'planner', '320213021');
    const cookie = await signIn(platform, leaver);
    const other = await signIn(platform, leaver);
    expect((await send(platform, 'GET', '/api/auth/me', cookie)).status).toBe(200);

    const disabled = await send(platform, 'POST', `/api/users/${leaver.id}/disable`, adminCookie);
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ user: { id: leaver.id, disabled: true }, changed: true, sessionsEnded: 2 });

    // The very next request of either open session is anonymous.
    expect((await send(platform, 'GET', '/api/auth/me', cookie)).status).toBe(401);
    expect((await send(platform, 'GET', '/api/grids/1/history', other)).status).toBe(401);

    const refused = await login(platform, leaver.username, leaver.password);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('set-cookie')).toBeNull();
    const error = await errorCode(refused);
    expect(error.code).toBe('ACCOUNT_DISABLED');
    expect(error.message).toMatch(/已停用/);
    // A wrong password still says only that the credentials are wrong.
    expect((await errorCode(await login(platform, leaver.username, 'not-the-password'))).code).toBe('INVALID_CREDENTIALS');

    const list = (await (await send(platform, 'GET', '/api/users?limit=1000', adminCookie)).json()) as { users: { id: number; disabled: boolean; disabledAt: string | null; signedIn: boolean }[] };
    expect(list.users.find((u) => u.id === leaver.id)).toMatchObject({ disabled: true, signedIn: false });
    expect(list.users.find((u) => u.id === leaver.id)?.disabledAt).toBeTruthy();

    const enabled = await send(platform, 'POST', `/api/users/${leaver.id}/enable`, adminCookie);
    expect(enabled.status).toBe(200);
    expect(await enabled.json()).toMatchObject({ user: { disabled: false }, changed: true, sessionsEnded: 0 });
    expect((await login(platform, leaver.username, leaver.password)).status).toBe(200);
  });

  it('ends a session that is already in flight: a disabled account behind a live token gets nothing', async () => {
    const account = await makeAccount(platform, 'leader', '320213');
    const cookie = await signIn(platform, account);
    // Disabled behind the API's back: the session row is still there, the account is not usable.
    await platform.db.query('update app_user set disabled_at = now() where id = $1', [account.id]);
    expect((await send(platform, 'GET', '/api/auth/me', cookie)).status).toBe(401);
  });

  it('does not let an admin disable their own account', async () => {
    const admin = await makeAccount(platform, 'admin', '320213');
    const cookie = await signIn(platform, admin);
    const res = await send(platform, 'POST', `/api/users/${admin.id}/disable`, cookie);
    expect(res.status).toBe(422);
    expect((await errorCode(res)).code).toBe('CANNOT_DISABLE_SELF');
    expect((await send(platform, 'GET', '/api/auth/me', cookie)).status).toBe(200);
  });

  it('keeps accounts outside the admin scope out of reach, and answers 404 for no such account', async () => {
    const admin = await makeAccount(platform, 'admin', '320213021');
    const cookie = await signIn(platform, admin);
    const outside = await makeAccount(platform, 'planner', '320213022');
    expect((await send(platform, 'POST', `/api/users/${outside.id}/disable`, cookie)).status).toBe(403);
    expect((await send(platform, 'POST', '/api/users/99999999/disable', cookie)).status).toBe(404);
    expect((await send(platform, 'POST', '/api/users/abc/enable', cookie)).status).toBe(400);
    expect((await login(platform, outside.username, outside.password)).status).toBe(200);
  });

  it('records the last sign-in, kept after signing out', async () => {
    const admin = await makeAccount(platform, 'admin', '320213');
    const adminCookie = await signIn(platform, admin);
    const account = await makeAccount(platform, 'leader', '320213');
    const before = Date.now();
    const cookie = await signIn(platform, account);
    await send(platform, 'POST', '/api/auth/logout', cookie);
    const { users } = (await (await send(platform, 'GET', '/api/users?limit=1000', adminCookie)).json()) as { users: { id: number; lastLogin: string | null; lastSeen: string | null }[] };
    const row = users.find((u) => u.id === account.id)!;
    expect(row.lastSeen).toBeNull();
    expect(new Date(row.lastLogin!).getTime()).toBeGreaterThanOrEqual(before - 5000);
  });
});
