import type { AccountSummary } from './accountTypes';
import { sendJson } from './http';
import type { Role } from './session';

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
}

/** Creates an account; the generated password comes back this once only. */
export function createUser(input: NewAccount): Promise<{ user: AccountSummary; password: string }> {
  return sendJson('POST', '/api/users', input);
}
