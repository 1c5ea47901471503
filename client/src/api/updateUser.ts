import type { AccountSummary } from './accountTypes';
import { sendJson } from './http';
import type { Role } from './session';

export interface AccountChange {
  displayName?: string;
  role?: Role;
  regionCode?: string;
}

/** Changes an account's name, role or scope (not one's own role or scope: 422 CANNOT_CHANGE_OWN_ACCESS). */
export async function updateUser(id: number, change: AccountChange): Promise<AccountSummary> {
  return (await sendJson<{ user: AccountSummary }>('PUT', `/api/users/${id}`, change)).user;
}
