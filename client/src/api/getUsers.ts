import type { AccountPage } from '../../../server/src/contract/accounts.ts';
import { getJson, withQuery } from './http';

export type { AccountPage } from '../../../server/src/contract/accounts.ts';

/** Accounts inside the admin's scope, by username. */
export function getUsers(page: { limit: number; offset: number }, signal?: AbortSignal): Promise<AccountPage> {
  return getJson<AccountPage>(withQuery('/api/users', page), signal);
}
