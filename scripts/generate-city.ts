// Loads a deterministic city-scale dataset into DATABASE_URL (an empty database): the five urban
// districts of 无锡市 with real outlines and real street and community codes, ≥ 10,000 grids
// tiling every community, ≥ 500,000 members, ≥ 5,000 service places, Party organisations and
// the demo accounts at city, district, street and community scope. Bulk-loaded with COPY.
//
// Usage: DATABASE_URL=postgres://… npm run generate-city [-- --scale city|province] [-- --dry-run]
//   --scale province  the city and nine synthetic copies (≥ 100,000 grids, ≥ 5 M members); for
//                     the scale-out plan and the bench, not CI. Give Node more heap:
//                     NODE_OPTIONS=--max-old-space-size=8192
//   --dry-run         plan the geometry (in scratch schemas of DATABASE_URL, dropped after) and
//                     print the sizes; loads nothing
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrate } from '../server/src/db/migrate.ts';
import { openPostgres } from '../server/src/db/postgres-driver.ts';
import { createCityAccounts } from './city/accounts.ts';
import { openPgGeoDb } from './city/engine.ts';
import type { GeoDb } from './demo/db.ts';
import { LOADED_TABLES, loadCity } from './city/load.ts';
import { planCity, sizesOf, type Scale } from './city/model.ts';

const started = Date.now();
function step(message: string): void {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
}

function fail(message: string): never {
  console.error(`generate-city: ${message}`);
  process.exit(1);
}

const { values } = parseArgs({
  options: { scale: { type: 'string', default: 'city' }, 'dry-run': { type: 'boolean', default: false } },
});
const scale = values.scale as Scale;
if (scale !== 'city' && scale !== 'province') fail(`--scale must be city or province, not ${values.scale}`);
const dryRun = values['dry-run'] ?? false;
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) fail('set DATABASE_URL to an empty PostgreSQL + PostGIS database, e.g. postgres://postgres@127.0.0.1:5432/wgdt_city');
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');

/** Tables other than PostGIS's own in a database this platform has never migrated: not ours to fill. */
async function foreignTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select table_schema || '.' || table_name as name from information_schema.tables
     where table_schema not in ('pg_catalog', 'information_schema', 'tiger', 'tiger_data', 'topology')
       and table_schema not like 'city\\_work\\_%'
       and table_name not in ('spatial_ref_sys', 'geometry_columns', 'geography_columns', 'raster_columns', 'raster_overviews')
       and not exists (select 1 from information_schema.tables where table_schema = 'public' and table_name = 'schema_migration')
     order by 1`,
  );
  return rows.map((r) => r.name);
}

async function filledTables(client: pg.Client): Promise<string[]> {
  const filled: string[] = [];
  for (const table of LOADED_TABLES) {
    const { rows } = await client.query<{ any: boolean }>(`select exists (select 1 from ${table}) as any`);
    if (rows[0]?.any) filled.push(table);
  }
  return filled;
}

async function main(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c jit=off' });
  await client.connect();
  const db = openPostgres({ connectionString: databaseUrl as string, statementTimeoutMs: 0 });
  let geo: GeoDb | undefined;
  try {
    if (!dryRun) {
      const foreign = await foreignTables(client);
      if (foreign.length > 0) fail(`the database is not empty (tables ${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); give an empty one`);
      const applied = await migrate(db);
      step(`migrations: ${applied.length > 0 ? applied.join(', ') : 'already applied'}`);
      const filled = await filledTables(client);
      if (filled.length > 0) fail(`the database is not empty (rows in ${filled.join(', ')}); give an empty one, e.g. createdb wgdt_city`);
    }
    step(`planning ${scale === 'province' ? 'the city and its synthetic copies' : '无锡市, five districts'} (geometry in PostGIS)`);
    // Opened only now: it creates the PostGIS extension, which a refused database must not get.
    geo = await openPgGeoDb(databaseUrl as string);
    const run = await planCity(geo, { scale, log: step });
    const sizes = sizesOf(run.model);
    step(
      `planned: ${run.model.copies.length} ${run.model.copies.length === 1 ? 'city' : 'cities'}, ${sizes.regions} regions, ${sizes.grids} grids, ` +
        `${sizes.facilities} facilities (${sizes.stations} centres and stations), ${sizes.partyOrgs} organisations, ${sizes.members} members`,
    );
    if (dryRun) {
      step('dry run: nothing loaded');
      return;
    }
    const counts = await loadCity(client, run, step);
    const { accounts, file } = await createCityAccounts(db, run.model, dataDir);
    step(`demo accounts written to ${file} (mode 600):`);
    for (const a of accounts) console.log(`  ${a.role}\t${a.username}\t${a.password}\t${a.regionCode}`);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `generate-city: loaded in ${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s: ${counts.regions} regions, ${counts.grids} grids ` +
        `(${counts.gridVersions} versions), ${counts.facilities} facilities, ${counts.partyOrgs} Party organisations, ${counts.members} members, ${accounts.length} accounts`,
    );
  } finally {
    await geo?.close();
    await db.close();
    await client.end();
  }
}

await main();
