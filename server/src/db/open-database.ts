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

/**
 * A streaming replica of DATABASE_URL for the read-only endpoints (DATABASE_READ_URL), or
 * undefined: without one, and always with the embedded database. Nothing is connected until the
 * first read, so a replica that is down does not keep the server from starting. A connection
 * that cannot be had within 3 s (replica unreachable, or its pool saturated that long) fails the
 * read, which then goes to the primary (read-routing.ts).
 */
export function openReadReplica(
  config: Pick<Config, 'databaseUrl' | 'databaseReadUrl' | 'statementTimeoutMs' | 'databasePoolMax'>,
): Database | undefined {
  if (!config.databaseUrl || !config.databaseReadUrl) return undefined;
  return openPostgres({
    connectionString: config.databaseReadUrl,
    statementTimeoutMs: config.statementTimeoutMs,
    poolMax: config.databasePoolMax,
    connectTimeoutMs: 3_000,
  });
}
