import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { appLifecycle, closeApp, createApp } from './app.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { openDatabase, openReadReplica } from './db/open-database.ts';
import { isEmpty, loadDemo } from './demo/load-demo.ts';
import { loadDemoCases } from './demo/demo-cases.ts';
import { createDemoAccounts, DEMO_ACCOUNTS_FILE, hasAccounts } from './accounts/demo-accounts.ts';
import { serveBackups } from './backup/control-socket.ts';
import { fillSearchPinyin } from './search/search-pinyin.ts';

export interface Platform {
  url: string;
  db: Database;
  close(): Promise<void>;
}

type Log = (message: string) => void;

/** Prepares the database (schema, demo district on first start) and listens. */
export async function startPlatform(
  config: Config,
  log: Log = (m) => console.log(m),
  clientDist?: string,
): Promise<Platform> {
  const db = await prepareDatabase(config, log);
  const replica = openReadReplica(config);
  if (replica) log('      只读副本 (read replica): tiles, OGC, finder, search, coverage and exports read from DATABASE_READ_URL');
  const app = createApp({ db, config, ...(clientDist ? { clientDist } : {}), ...(replica ? { readReplica: { db: replica } } : {}) });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  // `npm run backup` asks this process for the embedded database it holds open.
  const backups = db.dump ? serveBackups(config.dataDir, () => db.dump!()) : undefined;
  return {
    url: `http://localhost:${port}`,
    db,
    async close() {
      await appLifecycle(app).drain(server, config.shutdownTimeoutMs);
      await backups?.close();
      await closeApp(app);
      await replica?.close();
      await db.close();
    },
  };
}

export async function prepareDatabase(config: Config, log: Log): Promise<Database> {
  const embedded = !config.databaseUrl;
  if (embedded) {
    const fresh = !fs.existsSync(`${config.dataDir}/pgdata/PG_VERSION`);
    fs.mkdirSync(config.dataDir, { recursive: true });
    log(
      fresh
        ? `[1/3] 正在创建内置数据库 (creating the embedded PostGIS database in ${config.dataDir}) — first start takes about 15 s…`
        : `[1/3] 正在打开内置数据库 (opening the embedded database in ${config.dataDir})…`,
    );
  } else {
    log('[1/3] 正在连接 PostgreSQL (connecting to DATABASE_URL)…');
  }
  const started = Date.now();
  const db = await openDatabase(config);
  try {
    // Processes starting together on one database take turns: the first prepares it, the others find it ready.
    await db.exclusively(async () => {
      log('[2/3] 检查数据库结构 (applying migrations)…');
      const applied = await migrate(db);
      if (applied.length > 0) log(`      applied ${applied.join(', ')}`);
      if (config.loadDemo && (await isEmpty(db))) {
        log('[3/3] 载入演示数据：无锡市梁溪区 (loading the demo district)…');
        const counts = await loadDemo(db, (step) => log(`      ${step}…`));
        log(
          `      ${counts.regions} regions, ${counts.grids} grids, ${counts.facilities} facilities, ` +
            `${counts.partyOrgs} Party organisations, ${counts.members} members, ${counts.buildings} buildings`,
        );
        // Generated relative to now, so the demo always shows recent and overdue work.
        log(`      ${await loadDemoCases(db, new Date())} 民情 cases (generated for the last 90 days)`);
      } else {
        log('[3/3] 数据已就绪 (data present)');
      }
      const keyed = await fillSearchPinyin(db);
      if (keyed > 0) log(`      拼音检索 (pinyin search keys) for ${keyed} names`);
      if (config.loadDemo && !(await hasAccounts(db))) {
        const accounts = await createDemoAccounts(db, config.dataDir);
        log(`      演示账号 (demo accounts, shown once; also in ${config.dataDir}/${DEMO_ACCOUNTS_FILE}, mode 600):`);
        for (const a of accounts) log(`        ${a.role.padEnd(10)} ${a.username.padEnd(18)} ${a.password}  ${a.regionCode}${a.gridCodes ? `  网格 ${a.gridCodes.join(', ')}` : ''}`);
      }
    });
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  log(`      database ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${db.driver})`);
  return db;
}
