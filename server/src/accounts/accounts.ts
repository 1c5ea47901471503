import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import type { Role } from '../auth/user.ts';
import { HttpError } from '../http/errors.ts';
import { DatabaseError } from '../db/database.ts';

const LIST_ACCOUNTS = sqlFile(import.meta.url, 'list-accounts.sql');
const INSERT_ACCOUNT = sqlFile(import.meta.url, 'insert-account.sql');
const GET_ACCOUNT = sqlFile(import.meta.url, 'get-account.sql');
const UPDATE_ACCOUNT = sqlFile(import.meta.url, 'update-account.sql');
const SET_PASSWORD = sqlFile(import.meta.url, 'set-password.sql');
const REGION_EXISTS = sqlFile(import.meta.url, 'region-exists.sql');

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
}

export interface AccountListing extends Account {
  regionName: string;
  signedIn: boolean;
  lastSeen: string | null;
  createdAt: string;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  /** Generated when absent; returned once to the caller. */
  password?: string;
}

export function listAccounts(db: Queryable, scope: string, idleMinutes: number, limit: number, offset: number) {
  return db.query<AccountListing>(LIST_ACCOUNTS, [scope, idleMinutes, limit, offset]);
}

export async function findAccount(db: Queryable, by: { id: number } | { username: string }) {
  const [row] = await db.query<Account & { passwordHash: string }>(GET_ACCOUNT, [
    'id' in by ? by.id : null,
    'username' in by ? by.username : null,
  ]);
  return row;
}

export async function assertRegionExists(db: Queryable, code: string): Promise<void> {
  const [row] = await db.query(REGION_EXISTS, [code]);
  if (!row) throw new HttpError(422, 'UNKNOWN_REGION', `没有这个区域代码 (no region with code ${code})`);
}

export async function createAccount(db: Queryable, input: NewAccount): Promise<{ id: number; password: string }> {
  await assertRegionExists(db, input.regionCode);
  const password = input.password ?? generatePassword();
  try {
    const [row] = await db.query<{ id: number }>(INSERT_ACCOUNT, [
      input.username,
      input.displayName,
      await hashPassword(password),
      input.role,
      input.regionCode,
    ]);
    return { id: row!.id, password };
  } catch (err) {
    if (err instanceof DatabaseError && err.sqlState === '23505') {
      throw new HttpError(409, 'USERNAME_TAKEN', `用户名已存在 (username taken): ${input.username}`);
    }
    throw err;
  }
}

export async function updateAccount(
  db: Queryable,
  id: number,
  change: { displayName?: string | undefined; role?: Role | undefined; regionCode?: string | undefined },
): Promise<void> {
  if (change.regionCode) await assertRegionExists(db, change.regionCode);
  await db.query(UPDATE_ACCOUNT, [id, change.displayName ?? null, change.role ?? null, change.regionCode ?? null]);
}

/** Sets a new random password (returned once) and signs the account out everywhere. */
export async function resetPassword(db: Queryable, id: number): Promise<string> {
  const password = generatePassword();
  await db.query(SET_PASSWORD, [id, await hashPassword(password)]);
  return password;
}
