import crypto from 'node:crypto';
import { createAccount } from '../../server/src/accounts/accounts.ts';
import type { Role } from '../../server/src/auth/user.ts';
import type { TestPlatform } from './test-platform.ts';

export interface TestAccount {
  id: number;
  username: string;
  password: string;
  role: Role;
  regionCode: string;
}

/** A fresh account with a unique name, made directly in this test file's database. */
export async function makeAccount(platform: TestPlatform, role: Role, regionCode: string, gridCodes?: string[]): Promise<TestAccount> {
  const username = `t_${role}_${crypto.randomBytes(4).toString('hex')}`;
  const { id, password } = await createAccount(platform.db, { username, displayName: `测试${role}`, role, regionCode, ...(gridCodes ? { gridCodes } : {}) });
  return { id, username, password, role, regionCode };
}

/** A grid worker for these grids (their community is the account's region). */
export function makeGridWorker(platform: TestPlatform, gridCodes: string[]): Promise<TestAccount> {
  return makeAccount(platform, 'gridworker', gridCodes[0]!.slice(0, 12), gridCodes);
}

export async function login(platform: TestPlatform, username: string, password: string): Promise<Response> {
  return platform.get('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

/** Signs in and returns the Cookie header value to send with later requests. */
export async function signIn(platform: TestPlatform, account: Pick<TestAccount, 'username' | 'password'>): Promise<string> {
  const res = await login(platform, account.username, account.password);
  if (res.status !== 200) throw new Error(`sign-in of ${account.username} failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0]!;
}

/** A JSON request with an optional session cookie. */
export function send(platform: TestPlatform, method: string, path: string, cookie?: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Response> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return platform.get(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}
