// The session calls: sign in, sign out, and who is signed in.
import type { SessionUser } from '../../../server/src/contract/accounts.ts';
import { ApiError, getJson, sendJson } from './http';

export type { Role, SessionUser } from '../../../server/src/contract/accounts.ts';

export async function getMe(signal?: AbortSignal): Promise<SessionUser | null> {
  try {
    return (await getJson<{ user: SessionUser }>('/api/auth/me', signal)).user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export async function login(username: string, password: string): Promise<SessionUser> {
  return (await sendJson<{ user: SessionUser }>('POST', '/api/auth/login', { username, password })).user;
}

export async function logout(): Promise<void> {
  await sendJson<null>('POST', '/api/auth/logout');
}
