/** What every part of the server sees of the database, whichever driver is behind it. */
export interface Queryable {
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly driver: 'embedded' | 'postgres';
  /** Runs fn in one transaction: commit when it resolves, roll back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs fn while holding the database's start-up lock, so that processes starting together on
   * one database prepare it one after the other (migrations and the demo load run once).
   */
  exclusively<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * How long the oldest call still unanswered has waited, in ms (0 when none): the embedded
   * database answers one statement at a time, so health can tell "busy" without queueing a query.
   */
  waitingMs?(): number;
  /** The embedded database's data directory as a tarball (backups while the server runs); PostgreSQL has pg_dump. */
  dump?(): Promise<Blob>;
  /** Whether the database can encode vector tiles itself (ST_AsMVT); chosen by capability. */
  hasMvtSupport(): Promise<boolean>;
  /**
   * PostgreSQL only (LISTEN): calls onMessage with the payload of every NOTIFY on `channel` from
   * any process on the database (`select pg_notify($1, $2)`). Listens on a connection of its own
   * that reconnects by itself after the database restarts; what is sent while it is away is lost.
   * Resolves once listening (or once a first attempt failed: it listens when the database is
   * back) with the function that stops listening. `channel` is a lower-case SQL identifier.
   */
  listen?(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The database cannot answer now (down, wedged, timed out): the HTTP layer turns it into 503. */
export class DatabaseUnavailableError extends Error {}

/** Too many calls are already waiting for the database: refused at once rather than queued. */
export class DatabaseBusyError extends DatabaseUnavailableError {}

/** Wraps a driver error with what was being done, keeping the cause. */
export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly sqlState: string | undefined,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

export function sqlStateOf(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export function describeSql(sql: string): string {
  const firstLine = sql
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('--'));
  return (firstLine ?? sql).slice(0, 80);
}

// Connection-level SQLSTATE classes: 08 connection exception, 57P admin shutdown/crash, 53 resources;
// and transient conflicts a retry resolves: 40001 serialization failure, 40P01 deadlock.
export function isUnavailableState(state: string | undefined): boolean {
  return (
    state !== undefined &&
    (state.startsWith('08') || state.startsWith('57P') || state === '53300' || state === '57014' || state === '40001' || state === '40P01')
  );
}
