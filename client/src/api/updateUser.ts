import type { AccountChange, AccountSummary } from '../../../server/src/contract/accounts.ts';
import { sendJson } from './http';

export type { AccountChange } from '../../../server/src/contract/accounts.ts';

/** Changes an account's name, role or scope (not one's own role or scope: 422 CANNOT_CHANGE_OWN_ACCESS). */
export async function updateUser(id: number, change: AccountChange): Promise<AccountSummary> {
  return (await sendJson<{ user: AccountSummary }>('PUT', `/api/users/${id}`, change)).user;
}
