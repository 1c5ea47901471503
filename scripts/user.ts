import { z } from 'zod';
import { createAccount, findAccount, listAccounts, resetPassword, setDisabled } from '../server/src/accounts/accounts.ts';
import { ROLES } from '../server/src/auth/user.ts';
import { readConfig } from '../server/src/config.ts';
import { DatabaseUnavailableError, type Database } from '../server/src/db/database.ts';
import { HttpError } from '../server/src/http/errors.ts';
import { prepareDatabase } from '../server/src/platform.ts';

// `npm run user -- add|reset|disable|enable|list`: manage accounts from the command line, on the same database as
// `npm start` (stop the server first when it runs on the embedded database: one process at a time).
const USAGE = `usage:
  npm run user -- add <username> <leader|planner|admin> <regionCode> [displayName]
  npm run user -- reset <username>
  npm run user -- disable <username>    (signs it out everywhere; it cannot sign in until enabled)
  npm run user -- enable <username>
  npm run user -- list [regionCode]`;

class UsageError extends Error {}

const addArgs = z.object({
  username: z.string().regex(/^[A-Za-z0-9_.-]{3,64}$/, '3–64 letters, digits, _ . or -'),
  role: z.enum(ROLES),
  regionCode: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'a 6-, 9- or 12-digit region code'),
});

async function run(db: Database, command: string | undefined, args: string[]): Promise<void> {
  const config = readConfig();
  if (command === 'add') {
    const [username, role, regionCode, displayName] = args;
    const parsed = addArgs.safeParse({ username, role, regionCode });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    const { password } = await createAccount(db, { ...parsed.data, displayName: displayName ?? parsed.data.username });
    console.log(`created ${parsed.data.role} ${parsed.data.username} (${parsed.data.regionCode}); password: ${password}`);
  } else if (command === 'reset' && args[0]) {
    const account = await findAccount(db, { username: args[0] });
    if (!account) throw new UsageError(`no account named ${args[0]}`);
    console.log(`new password for ${account.username}: ${await resetPassword(db, account.id)}`);
  } else if ((command === 'disable' || command === 'enable') && args[0]) {
    const account = await findAccount(db, { username: args[0] });
    if (!account) throw new UsageError(`no account named ${args[0]}`);
    const { changed, sessionsEnded } = await setDisabled(db, account.id, command === 'disable');
    const state = command === 'disable' ? 'disabled' : 'enabled';
    console.log(changed ? `${account.username} is ${state}${sessionsEnded > 0 ? `; ${sessionsEnded} sessions ended` : ''}` : `${account.username} was already ${state}`);
  } else if (command === 'list') {
    for (const a of await listAccounts(db, args[0] ?? '', config.sessionIdleMinutes, 1000, 0)) {
      console.log([a.role.padEnd(8), a.username.padEnd(20), a.regionCode.padEnd(13), a.displayName].join(' '));
    }
  } else {
    throw new UsageError('unknown command');
  }
}

const [command, ...args] = process.argv.slice(2);
const db = await prepareDatabase({ ...readConfig(), loadDemo: false }, () => undefined).catch((err: unknown) => {
  console.error(err instanceof DatabaseUnavailableError ? err.message : err);
  process.exit(1);
});
try {
  await run(db, command, args);
} catch (err) {
  if (!(err instanceof UsageError || err instanceof HttpError)) throw err;
  console.error(`${err.message}\n\n${USAGE}`);
  process.exitCode = 2;
} finally {
  await db.close();
}
