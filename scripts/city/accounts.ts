// Demo accounts for the city: the demo's roles and usernames at district, street and community
// scope (in 梁溪区, as on a first start), plus accounts for the whole city. Random passwords,
// written to DATA_DIR/demo-accounts.txt (mode 600) in the first start's format.
import fs from 'node:fs';
import path from 'node:path';
import { createAccount } from '../../server/src/accounts/accounts.ts';
import { DEMO_ACCOUNTS_FILE, type DemoAccount } from '../../server/src/accounts/demo-accounts.ts';
import type { Role } from '../../server/src/auth/user.ts';
import type { Database } from '../../server/src/db/database.ts';
import type { CityModel } from './model.ts';

export async function createCityAccounts(db: Database, model: CityModel, dataDir: string): Promise<{ accounts: DemoAccount[]; file: string }> {
  const copy = model.copies[0];
  if (!copy) throw new Error('no city to make accounts for');
  const plan = (copy.districts.find((d) => d.plan.district.code === '320213') ?? copy.districts[0])?.plan;
  const street = plan?.streets[0];
  const community = plan?.communities.find((c) => c.parentCode === street?.code);
  if (!plan || !street || !community) throw new Error('no district, street and community to scope accounts to');
  const city = copy.city;
  const district = plan.district;
  const accounts: { role: Role; username: string; displayName: string; regionCode: string }[] = [
    { role: 'admin', username: 'admin', displayName: `${city.name}系统管理员`, regionCode: city.code },
    { role: 'leader', username: 'leader_city', displayName: `${city.name}委组织部`, regionCode: city.code },
    { role: 'leader', username: 'leader', displayName: `${district.name}委组织部`, regionCode: district.code },
    { role: 'leader', username: 'leader_street', displayName: `${street.name}党工委`, regionCode: street.code },
    { role: 'planner', username: 'planner_city', displayName: `${city.name}网格规划员`, regionCode: city.code },
    { role: 'planner', username: 'planner', displayName: `${district.name}网格规划员`, regionCode: district.code },
    { role: 'planner', username: 'planner_community', displayName: `${community.name}网格员`, regionCode: community.code },
  ];
  const made = await db.transaction(async (tx) => {
    const out: DemoAccount[] = [];
    for (const a of accounts) {
      const { password } = await createAccount(tx, a);
      out.push({ role: a.role, username: a.username, password, regionCode: a.regionCode });
    }
    return out;
  });
  const file = path.join(dataDir, DEMO_ACCOUNTS_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, made.map((a) => [a.role, a.username, a.password, a.regionCode].join('\t') + '\n').join(''), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { accounts: made, file };
}
