import { ROLES, type Role, type SessionUser } from '../contract/accounts.ts';

// The signed-in account as every handler sees it is the one /api/auth/me answers with.
export { ROLES, type Role, type SessionUser };

/**
 * Region codes nest by prefix (district 320213 → street 320213021 → community 320213021001 →
 * grid 320213021001003), so "inside the scope" is "starts with the scope's code".
 */
export function inScope(user: Pick<SessionUser, 'regionCode'>, code: string): boolean {
  return code.startsWith(user.regionCode);
}
