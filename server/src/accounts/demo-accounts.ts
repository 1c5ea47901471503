import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import type { Role } from '../auth/user.ts';
import { demoGridWorkers } from '../demo/demo-grid-workers.ts';
import { createAccount } from './accounts.ts';

const DEMO_REGIONS = sqlFile(import.meta.url, 'demo-regions.sql');
const HAS_ACCOUNTS = sqlFile(import.meta.url, 'has-accounts.sql');

export const DEMO_ACCOUNTS_FILE = 'demo-accounts.txt';

interface DemoRegions {
  district: string;
  districtName: string;
  street: string;
  streetName: string;
  community: string;
  communityName: string;
}

export interface DemoAccount {
  role: Role;
  username: string;
  password: string;
  regionCode: string;
  /** A grid worker's grids (the file lists the community as regionCode, like the others). */
  gridCodes?: string[];
}

/**
 * No default passwords: on first start every demo account gets a random one, shown once on the
 * console and kept in DATA_DIR/demo-accounts.txt (mode 600) as `role\tusername\tpassword\tregionCode`.
 */
export async function createDemoAccounts(db: Database, dataDir: string): Promise<DemoAccount[]> {
  const [r] = await db.query<DemoRegions>(DEMO_REGIONS);
  if (!r) return [];
  const plan: { role: Role; username: string; displayName: string; regionCode: string; gridCodes?: string[] }[] = [
    { role: 'admin', username: 'admin', displayName: `${r.districtName}系统管理员`, regionCode: r.district },
    { role: 'leader', username: 'leader', displayName: `${r.districtName}委组织部`, regionCode: r.district },
    { role: 'leader', username: 'leader_street', displayName: `${r.streetName}党工委`, regionCode: r.street },
    { role: 'planner', username: 'planner', displayName: `${r.districtName}网格规划员`, regionCode: r.district },
    { role: 'planner', username: 'planner_community', displayName: `${r.communityName}网格员`, regionCode: r.community },
    // 网格员 of two grids each: they handle the demo cases of their grids in 我的网格.
    ...(await demoGridWorkers(db)).map((w) => ({ role: 'gridworker' as const, ...w })),
  ];
  const accounts = await db.transaction(async (tx) => {
    const made: DemoAccount[] = [];
    for (const p of plan) {
      const { password } = await createAccount(tx, p);
      made.push({ role: p.role, username: p.username, password, regionCode: p.regionCode, ...(p.gridCodes ? { gridCodes: p.gridCodes } : {}) });
    }
    return made;
  });
  const file = path.join(dataDir, DEMO_ACCOUNTS_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, accounts.map((a) => [a.role, a.username, a.password, a.regionCode].join('\t') + '\n').join(''), {
    mode: 0o600,
  });
  fs.chmodSync(file, 0o600);
  return accounts;
}

export async function hasAccounts(db: Database): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>(HAS_ACCOUNTS);
  return row?.any ?? false;
}
