import type { Account, AccountChange, AccountSummary, NewAccount, Role } from '../contract/accounts.ts';
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
const CURRENT_GRID_CODES = sqlFile(import.meta.url, 'current-grid-codes.sql');

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

/**
 * The grids an account with this role and scope answers for: a grid worker's must be current
 * grids inside its region; other roles have none.
 */
export async function checkedGridCodes(db: Queryable, role: Role, regionCode: string, gridCodes: readonly string[] | undefined): Promise<string[]> {
  const codes = [...new Set(gridCodes ?? [])];
  if (role !== 'gridworker') {
    if (codes.length > 0) throw new HttpError(422, 'BAD_VALUE', '只有网格员账号有所属网格 (only a grid worker account has grids): leave gridCodes empty');
    return [];
  }
  if (codes.length === 0) throw new HttpError(422, 'GRID_CODES_REQUIRED', '网格员账号需要至少一个网格编码 (a grid worker needs one or more 15-digit grid codes)');
  const outside = codes.filter((c) => !c.startsWith(regionCode));
  if (outside.length > 0) {
    throw new HttpError(422, 'OUTSIDE_SCOPE', `网格不在账号的区域 ${regionCode} 内 (grids outside the account's region): ${outside.join(', ')}`);
  }
  const found = new Set((await db.query<{ code: string }>(CURRENT_GRID_CODES, [codes])).map((r) => r.code));
  const unknown = codes.filter((c) => !found.has(c));
  if (unknown.length > 0) throw new HttpError(422, 'GRID_NOT_FOUND', `没有这些现行网格 (no current grid with these codes): ${unknown.join(', ')}`);
  return codes;
}

/** Without a password one is generated; either way it is returned once to the caller. */
export async function createAccount(db: Queryable, input: NewAccount): Promise<{ id: number; password: string }> {
  await assertRegionExists(db, input.regionCode);
  const gridCodes = await checkedGridCodes(db, input.role, input.regionCode, input.gridCodes);
  const password = input.password ?? generatePassword();
  try {
    const [row] = await db.query<{ id: number }>(INSERT_ACCOUNT, [
      input.username,
      input.displayName,
      await hashPassword(password),
      input.role,
      input.regionCode,
      gridCodes,
    ]);
    return { id: row!.id, password };
  } catch (err) {
    if (err instanceof DatabaseError && err.sqlState === '23505') {
      throw new HttpError(409, 'USERNAME_TAKEN', `用户名已存在 (username taken): ${input.username}`);
    }
    throw err;
  }
}

/** Changes an account; its grids are checked against the role and region it will have. */
export async function updateAccount(
  db: Queryable,
  account: Pick<AccountSummary, 'id' | 'role' | 'regionCode' | 'gridCodes'>,
  change: AccountChange,
): Promise<void> {
  if (change.regionCode) await assertRegionExists(db, change.regionCode);
  const role = change.role ?? account.role;
  const regionCode = change.regionCode ?? account.regionCode;
  const gridCodes = role === 'gridworker' ? (change.gridCodes ?? account.gridCodes) : change.gridCodes;
  const checked = await checkedGridCodes(db, role, regionCode, gridCodes);
  await db.query(UPDATE_ACCOUNT, [account.id, change.displayName ?? null, change.role ?? null, change.regionCode ?? null, checked]);
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
