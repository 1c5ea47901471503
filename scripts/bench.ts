import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { readConfig } from '../server/src/config.ts';
import type { Database } from '../server/src/db/database.ts';
import { importFile } from '../server/src/imports/import-file.ts';
import type { ImportReport } from '../server/src/imports/import-types.ts';
import { parseImport } from '../server/src/imports/parse-import.ts';
import { prepareDatabase } from '../server/src/platform.ts';

// `npm run bench`: how the import checks scale, as ratios against baselines measured in the same
// run on the same database (embedded unless DATABASE_URL is set), so the figures compare across
// machines. Each case is the median of a few runs.
//   roster check / roster parse   — the database checks of 30,000 members against reading the CSV
//   roster check / bulk insert    — the same checks against writing those rows into a bare table
//   grid check / validity pass    — checking the district's grids (a dry run of their own export)
//                                   against one ST_IsValid pass over the same shapes

const RUNS = 3;
const admin = { id: 0, username: 'bench', regionCode: '' };

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

/** The demo members as a roster in the import's Chinese columns. */
function demoRoster(): Buffer {
  const orgs = new Map((parse(fs.readFileSync('data/demo/party-orgs.csv'), { columns: true }) as { key: string; name: string }[]).map((o) => [o.key, o.name]));
  const members = parse(fs.readFileSync('data/demo/members.csv'), { columns: true }) as Record<string, string>[];
  const lines = ['姓名,状态,所属党组织,流动党员,电话,经度,纬度'];
  for (const m of members) {
    lines.push([m.name, m.status === 'formal' ? '正式党员' : '预备党员', orgs.get(m.orgKey!) ?? '', m.floating === 'true' ? '是' : '否', m.phone, m.lng, m.lat].join(','));
  }
  return Buffer.from(lines.join('\n'));
}

async function dryRun(db: Database, kind: 'members' | 'grids', fileName: string, bytes: Buffer): Promise<ImportReport> {
  return importFile(db, kind, bytes, { fileName, crs: 'wgs84', actor: admin, mode: 'dry-run' });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-bench-'));
const db = await prepareDatabase({ ...readConfig(), dataDir, loadDemo: true }, () => undefined);
try {
  const roster = demoRoster();
  const parsed = await parseImport('members', roster, { fileName: 'roster.csv', crs: 'wgs84' });
  const rows = JSON.stringify(parsed.rows);
  const report = await dryRun(db, 'members', 'roster.csv', roster);
  console.log(`roster: ${report.total} rows, ${report.problems.length} problems, ${report.unchanged} unchanged`);

  const parseMs = await median(() => parseImport('members', roster, { fileName: 'roster.csv', crs: 'wgs84' }));
  const insertMs = await median(() =>
    db.transaction(async (tx) => {
      await tx.query(`create temp table bench_member on commit drop as
        select r.name, r.phone, ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326) as home
        from json_to_recordset($1::json) as r(name text, phone text, lng float8, lat float8)`, [rows]);
    }),
  );
  const rosterMs = await median(() => dryRun(db, 'members', 'roster.csv', roster));

  const [exported] = await db.query<{ fc: string }>(`select json_build_object('type', 'FeatureCollection', 'features', json_agg(json_build_object(
      'type', 'Feature', 'geometry', ST_AsGeoJSON(geom, 9)::json, 'properties', json_build_object('code', code, 'name', name))))::text as fc
    from grid where valid_to is null`);
  const grids = Buffer.from(exported!.fc);
  const gridReport = await dryRun(db, 'grids', 'grids.geojson', grids);
  console.log(`grids: ${gridReport.total} features, ${gridReport.problems.length} problems, ${gridReport.unchanged} unchanged`);
  const validityMs = await median(() => db.query(`select count(*) from grid where valid_to is null and ST_IsValid(ST_GeomFromGeoJSON(ST_AsGeoJSON(geom, 9)))`));
  const gridMs = await median(() => dryRun(db, 'grids', 'grids.geojson', grids));

  const line = (name: string, ms: number, base: number) => console.log(`${name.padEnd(32)} ${ms.toFixed(0).padStart(7)} ms   ×${(ms / base).toFixed(1)}`);
  console.log(`\n${db.driver} database, median of ${RUNS}`);
  line('roster parse (baseline)', parseMs, parseMs);
  line('roster bulk insert (baseline)', insertMs, insertMs);
  line('roster check / parse', rosterMs, parseMs);
  line('roster check / bulk insert', rosterMs, insertMs);
  line('grid validity pass (baseline)', validityMs, validityMs);
  line('grid check / validity pass', gridMs, validityMs);
} finally {
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
