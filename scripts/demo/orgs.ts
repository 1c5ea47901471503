// Party organisations built on the grid ("党组织建在网格上"): a working committee per street, a
// committee or general branch per community, a branch or group per grid. About 8 % of grids are
// left without one on purpose: they are the coverage gaps the coverage pages should find.
import { byText, type Grid, type PartyOrg, type Region } from './model.ts';
import type { Rng } from './prng.ts';

export const GRIDS_WITHOUT_ORG_SHARE = 0.08;

/** Keys carry the region code they belong to, so they are stable and readable ("PO320213021001"). */
export function orgKey(code: string): string {
  return `PO${code}`;
}

export interface OrgPlan {
  orgs: PartyOrg[];
  /** grid code → key of the org its members belong to */
  memberOrgOfGrid: Map<string, string>;
}

export function buildOrgs(
  streets: readonly Region[],
  communities: readonly Region[],
  grids: readonly Grid[],
  membersPerGrid: ReadonlyMap<string, number>,
  rng: Rng,
): OrgPlan {
  const orgs: PartyOrg[] = [];
  const memberOrgOfGrid = new Map<string, string>();
  for (const street of streets) {
    orgs.push({ key: orgKey(street.code), name: `${street.name}党工委`, kind: 'committee', parentKey: null, gridCode: null });
  }
  const withoutOrg = new Set(
    rng.sample(
      grids.map((g) => g.code),
      Math.round(grids.length * GRIDS_WITHOUT_ORG_SHARE),
    ),
  );
  for (const community of communities) {
    const mine = grids.filter((g) => g.communityCode === community.code);
    const members = mine.reduce((t, g) => t + (membersPerGrid.get(g.code) ?? 0), 0);
    // Party rules: a committee from about 100 members, a general branch below; most of these
    // communities are large, so the line is drawn higher to keep both kinds in the data.
    const isCommittee = members >= 200;
    const communityOrg: PartyOrg = {
      key: orgKey(community.code),
      name: `${community.name}${isCommittee ? '党委' : '党总支'}`,
      kind: isCommittee ? 'committee' : 'general_branch',
      parentKey: orgKey(community.parentCode ?? ''),
      gridCode: null,
    };
    orgs.push(communityOrg);
    mine.forEach((grid, i) => {
      if (withoutOrg.has(grid.code)) {
        memberOrgOfGrid.set(grid.code, communityOrg.key);
        return;
      }
      // A grid with few members forms a group (党小组) rather than a branch.
      const isBranch = (membersPerGrid.get(grid.code) ?? 0) >= 24 || rng.chance(0.2);
      const org: PartyOrg = {
        key: orgKey(grid.code),
        name: `${community.name}第${i + 1}网格${isBranch ? '党支部' : '党小组'}`,
        kind: isBranch ? 'branch' : 'group',
        parentKey: communityOrg.key,
        gridCode: grid.code,
      };
      orgs.push(org);
      memberOrgOfGrid.set(grid.code, org.key);
    });
  }
  orgs.sort((a, b) => byText(a.key, b.key));
  return { orgs, memberOrgOfGrid };
}
