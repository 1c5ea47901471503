import path from 'node:path';
import type { Config } from '../config.ts';
import type { Database } from './database.ts';
import { openEmbedded } from './embedded-driver.ts';
import { openPostgres } from './postgres-driver.ts';

/** A real PostGIS when DATABASE_URL is set, the embedded PGlite + PostGIS in DATA_DIR otherwise. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'statementTimeoutMs' | 'databasePoolMax'>): Promise<Database> {
  if (config.databaseUrl) {
    return openPostgres({ connectionString: config.databaseUrl, statementTimeoutMs: config.statementTimeoutMs, poolMax: config.databasePoolMax });
  }
  return openEmbedded({ dataDir: path.join(config.dataDir, 'pgdata'), queryTimeoutMs: config.statementTimeoutMs });
}
