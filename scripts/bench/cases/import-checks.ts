import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Database } from '../../../server/src/db/database.ts';
import { importFile } from '../../../server/src/imports/import-file.ts';
import type { ImportReport } from '../../../server/src/imports/import-types.ts';
import { parseImport } from '../../../server/src/imports/parse-import.ts';
import { addRow, wants } from '../context.ts';
import type { BenchOptions } from '../options.ts';
import { type Row, progress, times } from '../report.ts';
import { Tally } from '../stats.ts';

// The import checks, as ratios against baselines measured in the same run on the same database:
//   roster check / roster parse   — the database checks of the demo's 30,000 members against reading the CSV
//   roster check / bulk insert    — the same checks against writing those rows into a bare table
//   grid check / validity pass    — checking the district's grids (a dry run of their own export)
//                                   against one ST_IsValid pass over the same shapes

const admin = { id: 0, username: 'bench', regionCode: '' };
const demoFile = (name: string) => fileURLToPath(new URL(`../../../data/demo/${name}`, import.meta.url));

async function timed(runs: number, run: () => Promise<unknown>): Promise<Tally> {
  const t = new Tally();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    t.record(performance.now() - started, 200);
  }
  return t;
}

/** The demo members as a roster in the import's Chinese columns. */
function demoRoster(): Buffer {
  const orgs = new Map((parse(fs.readFileSync(demoFile('party-orgs.csv')), { columns: true }) as { key: string; name: string }[]).map((o) => [o.key, o.name]));
  const members = parse(fs.readFileSync(demoFile('members.csv')), { columns: true }) as Record<string, string>[];
  const lines = ['姓名,状态,所属党组织,流动党员,电话,经度,纬度'];
  for (const m of members) {
    lines.push([m.name, m.status === 'formal' ? '正式党员' : '预备党员', orgs.get(m.orgKey!) ?? '', m.floating === 'true' ? '是' : '否', m.phone, m.lng, m.lat].join(','));
  }
  return Buffer.from(lines.join('\n'));
}

function dryRun(db: Database, kind: 'members' | 'grids', fileName: string, bytes: Buffer): Promise<ImportReport> {
  return importFile(db, kind, bytes, { fileName, crs: 'wgs84', actor: admin, mode: 'dry-run' });
}

export async function importCheckRows(ctx: { rows: Row[]; section: string; db: Database; options: BenchOptions }): Promise<void> {
  if (ctx.options.skipImport || !wants(ctx.options, 'import', 'import checks: roster, grid')) return;
  const runs = ctx.options.quick ? 2 : 3;
  const db = ctx.db;
  progress(`${ctx.section}: import checks (median of ${runs})`);
  const roster = demoRoster();
  const parsed = await parseImport('members', roster, { fileName: 'roster.csv', crs: 'wgs84' });
  const rows = JSON.stringify(parsed.rows);
  const report = await dryRun(db, 'members', 'roster.csv', roster);

  const parseT = await timed(runs, () => parseImport('members', roster, { fileName: 'roster.csv', crs: 'wgs84' }));
  const insertT = await timed(runs, () =>
    db.transaction(async (tx) => {
      await tx.query(`create temp table bench_member on commit drop as
        select r.name, r.phone, ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326) as home
        from json_to_recordset($1::json) as r(name text, phone text, lng float8, lat float8)`, [rows]);
    }),
  );
  const rosterT = await timed(runs, () => dryRun(db, 'members', 'roster.csv', roster));

  const [exported] = await db.query<{ fc: string }>(`select json_build_object('type', 'FeatureCollection', 'features', json_agg(json_build_object(
      'type', 'Feature', 'geometry', ST_AsGeoJSON(geom, 9)::json, 'properties', json_build_object('code', code, 'name', name))))::text as fc
    from grid where valid_to is null`);
  const grids = Buffer.from(exported!.fc);
  const gridReport = await dryRun(db, 'grids', 'grids.geojson', grids);
  const validityT = await timed(runs, () => db.query(`select count(*) from grid where valid_to is null and ST_IsValid(ST_GeomFromGeoJSON(ST_AsGeoJSON(geom, 9)))`));
  const gridT = await timed(runs, () => dryRun(db, 'grids', 'grids.geojson', grids));

  const base = { section: ctx.section, id: 'import', goal: 'informational' };
  const row = (operation: string, t: Tally, baseline?: [string, Tally], notes?: string): Row => ({
    ...base,
    operation,
    p50: t.p50,
    p95: t.p95,
    throughput: undefined,
    baseline: baseline ? `${baseline[0]} p50 ${baseline[1].p50.toFixed(0)} ms` : 'baseline',
    ratio: baseline ? `time ${times(t.p50 / baseline[1].p50)}` : undefined,
    notes,
  });
  addRow(ctx, row('roster parse (baseline)', parseT, undefined, `${report.total} rows`));
  addRow(ctx, row('roster bulk insert (baseline)', insertT));
  addRow(ctx, row('roster check / parse', rosterT, ['roster parse', parseT], `${report.problems.length} problems, ${report.unchanged} unchanged`));
  addRow(ctx, row('roster check / bulk insert', rosterT, ['bulk insert', insertT]));
  addRow(ctx, row('grid validity pass (baseline)', validityT));
  addRow(ctx, row('grid check / validity pass', gridT, ['validity pass', validityT], `${gridReport.total} features, ${gridReport.problems.length} problems, ${gridReport.unchanged} unchanged`));
}
