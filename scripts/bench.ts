import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../server/src/db/database.ts';
import { openPostgres } from '../server/src/db/postgres-driver.ts';
import { coverageRows } from './bench/cases/api-rows.ts';
import { balanceRows } from './bench/cases/balance.ts';
import { bundleSizes, formatBundle } from './bench/cases/bundle.ts';
import { embeddedRows } from './bench/cases/embedded.ts';
import { gridSaveRow } from './bench/cases/grid-save.ts';
import { importCheckRows } from './bench/cases/import-checks.ts';
import { membershipRows } from './bench/cases/membership.ts';
import { mixedLoadRows } from './bench/cases/mixed-load.ts';
import { nearestRows } from './bench/cases/nearest.ts';
import { tileRows } from './bench/cases/tiles.ts';
import type { ScaleContext } from './bench/context.ts';
import {
  adminQuery,
  copyDatabase,
  createDemoDatabase,
  databaseExists,
  databaseUrlFor,
  dropDatabase,
  dropLeftovers,
  makeAccount,
} from './bench/databases.ts';
import { closeHttpAgent, HttpClient } from './bench/http-client.ts';
import { readOptions, type BenchOptions } from './bench/options.ts';
import { formatTable, progress, type Row } from './bench/report.ts';
import { OLD_CITY, readScope } from './bench/scope.ts';
import { startServer, stopAllServers, type ServerProcess } from './bench/server-process.ts';

// `npm run bench`: the measuring instrument for city scale. Every figure is printed beside a
// baseline measured in the same run (raw SQL of the same shape, an in-memory pass, the demo-scale
// figure, the other database driver), so the ratios compare across machines. Runs on a real
// PostgreSQL (BENCH_DATABASE_URL, an admin URL): a fresh demo database, a copy of the city
// database when it is there, and the embedded driver at demo scale. See README.md.

// The goals are ≤ 1–2 s; a request still running after this is a failure worth one sample.
const SERVER_STATEMENT_TIMEOUT_MS = '15000';

const options = readOptions(process.argv.slice(2));
const rows: Row[] = [];
const memory: string[] = [];
const sectionNotes = new Map<string, string>();
const cleanups: (() => Promise<unknown>)[] = [];
const benchStarted = performance.now();
const loadAtStart = os.loadavg()[0]!.toFixed(1);

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const step = cleanups.pop()!;
    await step().catch((err: unknown) => progress(`cleanup: ${(err as Error).message}`));
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping servers and dropping the bench databases…`);
    void stopAllServers()
      .then(cleanUp)
      .finally(() => process.exit(130));
  });
}

/** Runs on Ctrl+C too; the returned function runs it now and forgets it. */
function whenDone(step: () => Promise<unknown>): () => Promise<void> {
  cleanups.push(step);
  return async () => {
    const i = cleanups.lastIndexOf(step);
    if (i >= 0) cleanups.splice(i, 1);
    await step();
  };
}

/** A temporary directory, removed at the end of the run (servers are stopped before it). */
function tempDir(what: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wgdt-bench-${what}-`));
  cleanups.unshift(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const mb = (value: number) => (Number.isNaN(value) ? '—' : `${value.toFixed(0)} MB`);

function recordMemory(label: string, server: ServerProcess, idleMb: number): void {
  const m = server.memory();
  memory.push(`| ${label} | ${mb(idleMb)} | ${mb(m.peakMb)} | ${mb(m.rssMb)} |`);
}

async function signedIn(url: string, account: { username: string; password: string }): Promise<HttpClient> {
  const client = new HttpClient(url);
  await client.signIn(account.username, account.password);
  return client;
}

/** Starts the API server on one bench database, runs every row there, stops it. */
async function runScale(
  scale: 'demo' | 'city',
  databaseName: string,
  scopeCode: string,
  demoFigures: Map<string, number>,
  extra?: (ctx: ScaleContext) => Promise<void>,
): Promise<void> {
  const section = `${scale} · postgres`;
  const databaseUrl = databaseUrlFor(options.adminUrl, databaseName);
  const db: Database = openPostgres({ connectionString: databaseUrl, statementTimeoutMs: 600_000 });
  let stopServer = async () => undefined as unknown;
  try {
    const leaderAccount = await makeAccount(db, 'leader', scopeCode);
    const plannerAccount = await makeAccount(db, 'planner', scopeCode);
    const start = async () => {
      const server = await startServer(section, {
        DATABASE_URL: databaseUrl,
        DATA_DIR: tempDir(scale),
        LOAD_DEMO: 'false',
        STATEMENT_TIMEOUT_MS: SERVER_STATEMENT_TIMEOUT_MS,
      });
      stopServer = whenDone(server.stop);
      return server;
    };
    const server = await start();
    const idle = server.memory().rssMb;
    let restarted = 0;
    const ctx: ScaleContext = {
      scale,
      section,
      options,
      db,
      databaseUrl,
      server,
      anonymous: new HttpClient(server.url),
      leader: await signedIn(server.url, leaderAccount),
      planner: await signedIn(server.url, plannerAccount),
      scope: await readScope(db, scopeCode),
      rows,
      demoFigures,
    };
    const [counts] = await db.query<{ grids: number; members: number; facilities: number }>(
      `select (select count(*)::integer from grid where valid_to is null) as grids, (select count(*)::integer from member) as members,
              (select count(*)::integer from facility) as facilities`,
    );
    const summary = `${ctx.scope.name} (${scopeCode}): ${counts!.grids} grids, ${counts!.members} members, ${counts!.facilities} facilities`;
    sectionNotes.set(section, summary);
    progress(`${section}: ${summary}`);

    const steps: [string, (c: ScaleContext) => Promise<void>][] = [
      ['coverage and lists', coverageRows],
      ['nearest', nearestRows],
      ['tiles', tileRows],
      ['grid save', gridSaveRow],
      ['grid size balance', balanceRows],
      // At demo scale only: a minute each with one and with two API processes.
      ['mixed load', (c) => (c.scale === 'demo' ? mixedLoadRows(c, tempDir('mixed')) : Promise.resolve())],
      // Last: the rolled-back reassignment leaves dead member rows behind.
      ['members per grid', membershipRows],
    ];
    for (const [name, step] of steps) {
      try {
        await step(ctx);
      } catch (err) {
        progress(`${section}: ${name} failed: ${(err as Error).stack ?? err}`);
        rows.push({ section, id: '!', operation: name, ok: false, notes: `bench step failed: ${(err as Error).message.slice(0, 200)}` });
      }
      // Exited (or closing: a SIGTERM lets running requests finish first), or no longer answering.
      const ended =
        ctx.server.exit() ??
        ((await ctx.anonymous.request('/api/health', { timeoutMs: 5000 })).status === 200 ? undefined : ctx.server.exit() ?? 'stopped answering');
      if (ended) {
        // Record it, start it again on the same database, and go on with the next rows.
        const tail = ctx.server.output().trim().split('\n').slice(-3).join(' / ');
        rows.push({ section, id: '!', operation: `API server ${ended} during ${name}`, ok: false, notes: tail.slice(0, 300) });
        progress(`${section}: the API server ${ended} during ${name}; starting it again`);
        await stopServer();
        ctx.server = await start();
        ctx.anonymous = new HttpClient(ctx.server.url);
        ctx.leader = await signedIn(ctx.server.url, leaderAccount);
        ctx.planner = await signedIn(ctx.server.url, plannerAccount);
        restarted++;
      }
    }
    if (scale === 'demo') {
      try {
        await importCheckRows({ rows, section, db, options });
      } catch (err) {
        rows.push({ section, id: 'import', operation: 'import checks', ok: false, notes: `failed: ${(err as Error).message.slice(0, 200)}` });
      }
    }
    recordMemory(`${section} API server${restarted ? ` (restarted ${restarted}×: figures since the last start)` : ''}`, ctx.server, restarted ? NaN : idle);
    if (extra) await extra(ctx);
  } finally {
    await stopServer();
    await db.close();
  }
}

/** Row 15: the embedded driver on a fresh DATA_DIR (first start loads the demo) beside the demo server. */
async function runEmbedded(ctx: ScaleContext): Promise<void> {
  if (options.skipEmbedded || (options.only && !options.only.test('15 embedded first start vs postgres: grid tiles /api/nearest /api/locate /api/search /api/facilities'))) return;
  sectionNotes.set('demo · embedded vs postgres', 'PGlite in a fresh DATA_DIR (tiles encoded in Node) beside the demo PostgreSQL server, the same requests to both');
  progress('demo · embedded: first start in a fresh DATA_DIR (schema + demo)…');
  let stopServer = async () => undefined as unknown;
  try {
    const server = await startServer('demo · embedded', { DATA_DIR: tempDir('embedded'), LOAD_DEMO: 'true', STATEMENT_TIMEOUT_MS: SERVER_STATEMENT_TIMEOUT_MS });
    stopServer = whenDone(server.stop);
    const idle = server.memory().rssMb;
    await embeddedRows({ rows, options }, ctx.scope, ctx.anonymous, new HttpClient(server.url), server.startMs);
    recordMemory('demo · embedded API server (database inside)', server, idle);
  } catch (err) {
    rows.push({ section: 'demo · embedded vs postgres', id: '15', operation: 'embedded', ok: false, notes: `failed: ${(err as Error).message.slice(0, 300)}` });
  } finally {
    await stopServer();
  }
}

/** Plan order (1–15, then the import checks) within each section, sections in the order they ran. */
function sortRows(all: Row[]): Row[] {
  const sections = [...new Set(all.map((r) => r.section))];
  const rank = (r: Row) => (/^\d+$/.test(r.id) ? Number(r.id) : r.id === 'import' ? 100 : 200);
  return sections.flatMap((s) => all.filter((r) => r.section === s).sort((a, b) => rank(a) - rank(b)));
}

async function cityReady(opts: BenchOptions): Promise<string | undefined> {
  if (!(await databaseExists(opts.adminUrl, opts.cityDatabase))) return `${opts.cityDatabase} does not exist yet`;
  try {
    const [row] = await adminQuery<{ n: string }>(databaseUrlFor(opts.adminUrl, opts.cityDatabase), 'select count(*) as n from member');
    const n = Number(row?.n ?? 0);
    if (n < opts.cityMinMembers) return `${opts.cityDatabase} has ${n} members (< ${opts.cityMinMembers}): still being generated`;
  } catch (err) {
    return `${opts.cityDatabase} cannot be read: ${(err as Error).message}`;
  }
  return undefined;
}

async function main(): Promise<void> {
  progress(`npm run bench${options.quick ? ' --quick' : ''}: PostgreSQL at ${new URL(options.adminUrl).host}, load tests ${options.loadSeconds} s`);
  await dropLeftovers(options.adminUrl);
  const demoFigures = new Map<string, number>();

  const demoName = await createDemoDatabase(options.adminUrl);
  const dropDemo = whenDone(() => dropDatabase(options.adminUrl, demoName));
  try {
    await runScale('demo', demoName, OLD_CITY, demoFigures, runEmbedded);
  } finally {
    await dropDemo();
  }

  if (!options.skipCity) {
    const notReady = await cityReady(options);
    if (notReady) {
      progress(`city scale skipped: ${notReady}`);
      rows.push({ section: 'city · postgres', id: '—', operation: 'city scale', notes: `skipped: ${notReady}` });
    } else {
      let dropCity = async () => undefined as unknown;
      try {
        const cityName = await copyDatabase(options.adminUrl, options.cityDatabase, 'city');
        dropCity = whenDone(() => dropDatabase(options.adminUrl, cityName));
        await runScale('city', cityName, '3202', demoFigures);
      } catch (err) {
        progress(`city scale failed: ${(err as Error).stack ?? err}`);
        rows.push({ section: 'city · postgres', id: '!', operation: 'city scale', ok: false, notes: `failed: ${(err as Error).message.slice(0, 300)}` });
      } finally {
        await dropCity();
      }
    }
  }

  const bundle = options.skipBundle || (options.only && !options.only.test('bundle')) ? undefined : await bundleSizes();

  const minutes = (performance.now() - benchStarted) / 60_000;
  const load = os.loadavg()[0]!.toFixed(1);
  const out = [
    `# npm run bench — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit()}, ${os.cpus().length} cores, ${minutes.toFixed(1)} min${options.quick ? ' (--quick)' : ''}`,
    '',
    `Load average (1 min) at the start ${loadAtStart}, at the end ${load}: other work on the machine slows every figure; the ratios against baselines measured in the same run are the figures to compare.`,
    '',
    'ratio: "time" = operation ÷ baseline (lower is better), "speed"/"throughput" = operation ÷ baseline as rates (higher is better); c = concurrent clients.',
    '',
    formatTable(sortRows(rows), sectionNotes),
    '',
    'Method: sequential rows are one request at a time after warm-up, p50/p95 by nearest rank. Rows 5–6: 1 s warm-up, then two rounds of load, the raw KNN and the endpoint taking turns; the raw KNN and the reference SQL run on a pg pool of 32 from this process. Rows 7–8: every z13–z14 grid tile over the old city is asked once of a server that has served none of them (uncached without a restart), each right after the raw ST_AsMVT of the same tile (which ran over them all once before, so PostgreSQL\'s buffers are equally warm); then the same tiles plainly and with If-None-Match, one warm-up pass and 4 recorded passes; the HTTP floor row is the same client against a bare Node server. Row 10 runs in a transaction that is rolled back. Row 11 grows a grid into its neighbour and back, alternately. Row 15 asks both servers the same list, interleaved; its tiles (z15) are new to both. See scripts/bench/README.md.',
    '',
    '**API server memory** (resident set)',
    '',
    '| server | after start | peak | after load |',
    '|---|---|---|---|',
    ...memory,
  ];
  if (bundle) out.push('', formatBundle(bundle));
  const failed = rows.filter((r) => r.ok === false).length;
  out.push('', `${rows.filter((r) => r.ok === true).length} rows meet their goal, ${failed} do not, ${rows.filter((r) => r.ok === undefined).length} informational.`);
  console.log(out.join('\n'));
}

try {
  await main();
} finally {
  await cleanUp();
  closeHttpAgent();
}
