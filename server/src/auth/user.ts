export const ROLES = ['leader', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in account as every handler sees it. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** District (6 digits), street (9) or community (12) code; everything the user may see or touch lies inside it. */
  regionCode: string;
  regionName: string;
}

/**
 * Region codes nest by prefix (district 320213 → street 320213021 → community 320213021001 →
 * grid 320213021001003), so "inside the scope" is "starts with the scope's code".
 */
export function inScope(user: Pick<SessionUser, 'regionCode'>, code: string): boolean {
  return code.startsWith(user.regionCode);
}
