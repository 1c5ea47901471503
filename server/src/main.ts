import cluster from 'node:cluster';
import os from 'node:os';
import { ConfigError, readConfig } from './config.ts';
import { DatabaseUnavailableError } from './db/database.ts';
import { startPlatform } from './platform.ts';
import { reportReady, runPrimary } from './workers.ts';

// Entry point: read config, open the database, listen; close both cleanly on SIGINT/SIGTERM.
// With WORKERS > 1 on a real PostgreSQL this process runs that many API processes instead.
async function main(): Promise<void> {
  const config = readConfig();
  const workers = config.workers === 'auto' ? os.availableParallelism() : config.workers;
  if (cluster.isPrimary && workers > 1) {
    if (config.databaseUrl) {
      runPrimary(workers);
      return;
    }
    console.log(`内置数据库只能由一个进程使用 (the embedded database serves one process: WORKERS=${config.workers} needs DATABASE_URL)`);
  }
  const platform = await startPlatform(config);
  if (cluster.isWorker) reportReady(platform.url);
  else console.log(`网格党建地图 ready: ${platform.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, closing…`);
    platform.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Error while closing:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof DatabaseUnavailableError ? err.message : err);
  process.exit(1);
});
