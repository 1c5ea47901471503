import type { Account, AccountChange, AccountSummary, NewAccount } from '../contract/accounts.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { HttpError } from '../http/errors.ts';
import { DatabaseError } from '../db/database.ts';

const LIST_ACCOUNTS = sqlFile(import.meta.url, 'list-accounts.sql');
const INSERT_ACCOUNT = sqlFile(import.meta.url, 'insert-account.sql');
const GET_ACCOUNT = sqlFile(import.meta.url, 'get-account.sql');
const UPDATE_ACCOUNT = sqlFile(import.meta.url, 'update-account.sql');
const SET_PASSWORD = sqlFile(import.meta.url, 'set-password.sql');
const REGION_EXISTS = sqlFile(import.meta.url, 'region-exists.sql');
const SET_DISABLED = sqlFile(import.meta.url, 'set-disabled.sql');

/** The accounts inside a region scope, by username, with whether each is signed in. */
export function listAccounts(db: Queryable, scope: string, idleMinutes: number, limit: number, offset: number): Promise<Account[]> {
  return db.query<Account>(LIST_ACCOUNTS, [scope, idleMinutes, limit, offset]);
}

export async function findAccount(db: Queryable, by: { id: number } | { username: string }): Promise<(AccountSummary & { passwordHash: string }) | undefined> {
  const [row] = await db.query<AccountSummary & { passwordHash: string }>(GET_ACCOUNT, [
    'id' in by ? by.id : null,
    'username' in by ? by.username : null,
  ]);
  return row;
}

export async function assertRegionExists(db: Queryable, code: string): Promise<void> {
  const [row] = await db.query(REGION_EXISTS, [code]);
  if (!row) throw new HttpError(422, 'UNKNOWN_REGION', `没有这个区域代码 (no region with code ${code})`);
}

/** Without a password one is generated; either way it is returned once to the caller. */
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
  change: AccountChange,
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

/** Disables (ending every session of the account) or enables an account; a no-op when it already is so. */
export async function setDisabled(db: Queryable, id: number, disabled: boolean): Promise<{ changed: boolean; sessionsEnded: number }> {
  const [row] = await db.query<{ changed: boolean; sessionsEnded: number }>(SET_DISABLED, [id, disabled]);
  return row ?? { changed: false, sessionsEnded: 0 };
}
