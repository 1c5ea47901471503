import { ConfigError, readConfig } from './config.ts';
import { DatabaseUnavailableError } from './db/database.ts';
import { startPlatform } from './platform.ts';

// Entry point: read config, open the database, listen; close both cleanly on SIGINT/SIGTERM.
async function main(): Promise<void> {
  const config = readConfig();
  const platform = await startPlatform(config);
  console.log(`网格党建地图 ready: ${platform.url}`);

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
