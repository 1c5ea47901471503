import path from 'node:path';
import { z } from 'zod';

// The only reader of process.env. Fails with the full list of problems, not the first one.
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_READ_URL: z.string().url().optional(),
  TEST_DATABASE_URL: z.string().url().optional(),
  MIN_CELL_COUNT: z.coerce.number().int().min(3, "MIN_CELL_COUNT is never below 3 (privacy)").default(5),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(120),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(10),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(20),
  TILE_CACHE_MB: z.coerce.number().min(0).max(65_536).default(128),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(256)], { message: "WORKERS is a number of processes (1 or more) or 'auto'" })
    .default(1),
  REPORTS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  LOAD_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** A streaming replica of DATABASE_URL for read-only endpoints (ignored by the embedded database). */
  databaseReadUrl: string | undefined;
  testDatabaseUrl: string | undefined;
  minCellCount: number;
  loadDemo: boolean;
  /** The address users reach the platform at; https makes the session cookie Secure and __Host-. */
  publicUrl: string | undefined;
  trustProxy: boolean;
  sessionIdleMinutes: number;
  /** Requests a minute one anonymous IP may make to the API. */
  rateLimitPerMinute: number;
  /** Failed logins per IP and per username within 15 minutes before 429. */
  loginMaxFailures: number;
  /** Residents' reports (民情反馈) one address may make in a clock hour before 429. */
  reportsPerHour: number;
  /** No query holds a connection longer (PostgreSQL statement_timeout; embedded: its thread is restarted). */
  statementTimeoutMs: number;
  /** Connections each server process keeps to PostgreSQL at most. */
  databasePoolMax: number;
  /** Memory for encoded vector tiles in each process (raw + gzipped), in MiB; 0 turns the cache off. */
  tileCacheMb: number;
  /** On SIGTERM/SIGINT, running requests get this long to finish before their connections are cut. */
  shutdownTimeoutMs: number;
  /** API processes to run on a real PostgreSQL (node:cluster); 'auto' = one per core. */
  workers: number | 'auto';
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(pickDefined(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    databaseReadUrl: c.DATABASE_READ_URL,
    testDatabaseUrl: c.TEST_DATABASE_URL,
    minCellCount: c.MIN_CELL_COUNT,
    loadDemo: c.LOAD_DEMO,
    publicUrl: c.PUBLIC_URL,
    trustProxy: c.TRUST_PROXY,
    sessionIdleMinutes: c.SESSION_IDLE_MINUTES,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    loginMaxFailures: c.LOGIN_MAX_FAILURES,
    reportsPerHour: c.REPORTS_PER_HOUR,
    statementTimeoutMs: c.STATEMENT_TIMEOUT_MS,
    databasePoolMax: c.DATABASE_POOL_MAX,
    tileCacheMb: c.TILE_CACHE_MB,
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    workers: c.WORKERS,
  };
}

// Empty strings count as unset, so `DATABASE_URL= npm start` means "embedded".
function pickDefined(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}
