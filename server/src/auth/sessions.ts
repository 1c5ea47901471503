import crypto from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import type { SessionUser } from './user.ts';

const CREATE_SESSION = sqlFile(import.meta.url, 'create-session.sql');
const TOUCH_SESSION = sqlFile(import.meta.url, 'touch-session.sql');
const DELETE_SESSION = sqlFile(import.meta.url, 'delete-session.sql');

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Returns the new session token; only its hash is stored. */
export async function createSession(db: Queryable, userId: number): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.query(CREATE_SESSION, [tokenHash(token), userId]);
  return token;
}

export async function resumeSession(db: Queryable, token: string, idleMinutes: number): Promise<SessionUser | undefined> {
  const [user] = await db.query<SessionUser>(TOUCH_SESSION, [tokenHash(token), idleMinutes]);
  return user;
}

export async function endSession(db: Queryable, token: string): Promise<void> {
  await db.query(DELETE_SESSION, [tokenHash(token)]);
}
