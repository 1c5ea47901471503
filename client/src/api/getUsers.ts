import type { Account } from './accountTypes';
import { getJson, withQuery } from './http';

export interface AccountPage {
  users: Account[];
  limit: number;
  offset: number;
}

/** Accounts inside the admin's scope, by username. */
export function getUsers(page: { limit: number; offset: number }, signal?: AbortSignal): Promise<AccountPage> {
  return getJson<AccountPage>(withQuery('/api/users', page), signal);
}
