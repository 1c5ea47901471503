import { BackupError, backup, restore } from '../server/src/backup/backup.ts';
import { ConfigError, readConfig } from '../server/src/config.ts';
import { DatabaseUnavailableError } from '../server/src/db/database.ts';

// `npm run backup -- FILE` writes a restorable copy of the database `npm start` uses;
// `npm run restore -- FILE` loads one into an empty database (DATABASE_URL) or a new DATA_DIR.
const [command, file] = process.argv.slice(2);
const usage = 'usage: npm run backup -- <file>   |   npm run restore -- <file>';

try {
  if ((command !== 'backup' && command !== 'restore') || !file) throw new BackupError(usage);
  const config = readConfig();
  const started = Date.now();
  if (command === 'backup') await backup(config, file);
  else await restore(config, file);
  const where = config.databaseUrl ? 'DATABASE_URL' : `${config.dataDir} (embedded)`;
  console.log(`${command === 'backup' ? `backed up ${where} to ${file}` : `restored ${file} into ${where}`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  const known = err instanceof BackupError || err instanceof ConfigError || err instanceof DatabaseUnavailableError;
  console.error(known ? (err as Error).message : err);
  process.exit(1);
}
