// The session calls: sign in, sign out, and who is signed in.
import { ApiError, getJson, sendJson } from './http';

export type Role = 'leader' | 'planner' | 'admin';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** District (6 digits), street (9) or community (12) code: what the account may see and change. */
  regionCode: string;
  regionName: string;
}

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
