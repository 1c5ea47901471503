import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { findAccount } from '../server/src/accounts/accounts.ts';
import { readConfig } from '../server/src/config.ts';
import { DatabaseUnavailableError } from '../server/src/db/database.ts';
import { CRS } from '../server/src/geo/crs.ts';
import { HttpError } from '../server/src/http/errors.ts';
import { IMPORT_ROLES, importFile } from '../server/src/imports/import-file.ts';
import { towgs84Option } from '../server/src/imports/prj-datum.ts';
import { IMPORT_KINDS, MAX_IMPORT_BYTES, type ImportReport } from '../server/src/imports/import-types.ts';
import type { ImportActor } from '../server/src/imports/run-import.ts';
import { prepareDatabase } from '../server/src/platform.ts';

// `npm run import -- --file F --kind grids|facilities|members|buildings [--crs gcj02] [--sheet 2] [--dry-run] [--as user]`:
// the same checks and all-or-nothing commit as the 数据导入导出 page, on the database of
// `npm start` (stop the server first when it runs on the embedded database).
const USAGE = `usage: npm run import -- --file <path> --kind grids|facilities|members|buildings [--crs wgs84|gcj02|bd09] [--encoding utf-8|gbk] [--towgs84=dx,dy,dz,rx,ry,rz,ds] [--sheet <name or number>] [--dry-run] [--as <username>]
  --towgs84   7 parameters (m, arc-seconds, ppm) shifting a Shapefile in Beijing 1954, Xian 1980… to WGS 84
              (write --towgs84=-15.2,… with "=" when the first number is negative)
  --sheet     .xlsx: the sheet to read, by name or number from 1 (default: the first whose header row fits the kind)
  --dry-run   check only and print the report; nothing is saved
  --as        act as this account (its region scope applies; recorded in the audit log);
              without it the import runs with the whole database in scope as "cli:<system user>"`;

const args = z.object({
  file: z.string().min(1),
  kind: z.enum(IMPORT_KINDS),
  crs: z.enum(CRS).default('wgs84'),
  encoding: z.enum(['utf-8', 'gbk']).optional(),
  towgs84: towgs84Option.optional(),
  sheet: z.string().trim().min(1).max(100).optional(),
  'dry-run': z.boolean().default(false),
  as: z.string().optional(),
});

function parseCommandLine() {
  try {
    const { values } = parseArgs({
      options: {
        file: { type: 'string' },
        kind: { type: 'string' },
        crs: { type: 'string' },
        encoding: { type: 'string' },
        towgs84: { type: 'string' },
        sheet: { type: 'string' },
        'dry-run': { type: 'boolean' },
        as: { type: 'string' },
      },
    });
    const parsed = args.safeParse(values);
    if (parsed.success) return parsed.data;
    console.error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
  }
  console.error(USAGE);
  process.exit(2);
}

function printReport(report: ImportReport): void {
  const { source } = report;
  console.log(`${source.name}: ${source.format}${source.sheet ? `, sheet ${source.sheet}` : ''}${source.encoding ? `, ${source.encoding}` : ''}, ${source.crs}${source.towgs84 ? ` (TOWGS84 ${source.towgs84.join(',')})` : ''}; ${report.total} rows`);
  console.log(`create ${report.create}, update ${report.update}, unchanged ${report.unchanged}, problems ${report.problems.length}`);
  for (const p of report.problems) console.log(`  row ${p.row}\t${p.field ?? '-'}\t${p.code}\t${p.message}`);
  for (const n of report.notes) console.log(`  note\t${n.field ?? '-'}\t${n.code}\t${n.message}`);
}

const options = parseCommandLine();
const bytes = fs.readFileSync(options.file);
if (bytes.length > MAX_IMPORT_BYTES) {
  console.error(`${options.file} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: split it`);
  process.exit(2);
}
const db = await prepareDatabase({ ...readConfig(), loadDemo: false }, () => undefined).catch((err: unknown) => {
  console.error(err instanceof DatabaseUnavailableError ? err.message : err);
  process.exit(1);
});
try {
  let actor: ImportActor = { id: 0, username: `cli:${os.userInfo().username}`, regionCode: '' };
  if (options.as) {
    const account = await findAccount(db, { username: options.as });
    if (!account) throw new HttpError(400, 'UNKNOWN_ACCOUNT', `no account named ${options.as}`);
    if (!IMPORT_ROLES[options.kind].includes(account.role)) {
      throw new HttpError(403, 'FORBIDDEN', `${account.username} (${account.role}) may not import ${options.kind}`);
    }
    actor = account;
  }
  const report = await importFile(db, options.kind, bytes, {
    fileName: path.basename(options.file),
    crs: options.crs,
    encoding: options.encoding,
    towgs84: options.towgs84,
    sheet: options.sheet,
    actor,
    mode: options['dry-run'] ? 'dry-run' : 'commit',
  });
  printReport(report);
  console.log(report.committed ? 'imported.' : 'dry run: nothing was saved.');
} catch (err) {
  if (!(err instanceof HttpError)) throw err;
  console.error(`${err.code}: ${err.message}`);
  if (err.details && typeof err.details === 'object' && 'problems' in err.details) printReport(err.details as ImportReport);
  process.exitCode = 1;
} finally {
  await db.close();
}
