import { z } from 'zod';
import { createAccount, findAccount, listAccounts, resetPassword } from '../server/src/accounts/accounts.ts';
import { ROLES } from '../server/src/auth/user.ts';
import { readConfig } from '../server/src/config.ts';
import { prepareDatabase } from '../server/src/platform.ts';

// `npm run user -- add|reset|list`: manage accounts from the command line (same database as `npm start`;
// stop the server first when it runs on the embedded database, which one process opens at a time).
const USAGE = `usage:
  npm run user -- add <username> <leader|planner|admin> <regionCode> [displayName]
  npm run user -- reset <username>
  npm run user -- list [regionCode]`;

const [command, ...args] = process.argv.slice(2);
const config = readConfig();
const db = await prepareDatabase({ ...config, loadDemo: false }, () => undefined);
try {
  if (command === 'add') {
    const [username, role, regionCode, displayName] = args;
    const parsed = z
      .object({ username: z.string().regex(/^[A-Za-z0-9_.-]{3,64}$/), role: z.enum(ROLES), regionCode: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/) })
      .safeParse({ username, role, regionCode });
    if (!parsed.success) fail(`${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}`);
    const { password } = await createAccount(db, { ...parsed.data, displayName: displayName ?? parsed.data.username });
    console.log(`created ${parsed.data.role} ${parsed.data.username} (${parsed.data.regionCode}); password: ${password}`);
  } else if (command === 'reset' && args[0]) {
    const account = await findAccount(db, { username: args[0] });
    if (!account) fail(`no account named ${args[0]}`);
    console.log(`new password for ${account.username}: ${await resetPassword(db, account.id)}`);
  } else if (command === 'list') {
    for (const a of await listAccounts(db, args[0] ?? '', config.sessionIdleMinutes, 1000, 0)) {
      console.log([a.role.padEnd(8), a.username.padEnd(20), a.regionCode.padEnd(13), a.displayName].join(' '));
    }
  } else {
    fail(USAGE);
  }
} finally {
  await db.close();
}

function fail(message: string): never {
  console.error(message);
  process.exitCode = 2;
  throw new Error(message.split('\n')[0]);
}
