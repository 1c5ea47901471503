import type { AccountStatusChange } from '../../../server/src/contract/accounts.ts';
import { sendJson } from './http';

export type { AccountStatusChange } from '../../../server/src/contract/accounts.ts';

/**
 * Disables an account (it cannot sign in, its open sessions end at once) or enables it again.
 * One's own account cannot be disabled (422 CANNOT_DISABLE_SELF).
 */
export function setUserDisabled(id: number, disabled: boolean): Promise<AccountStatusChange> {
  return sendJson<AccountStatusChange>('POST', `/api/users/${id}/${disabled ? 'disable' : 'enable'}`);
}
