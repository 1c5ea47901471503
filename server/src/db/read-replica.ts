import { DatabaseUnavailableError, sqlStateOf, type Database, type Queryable } from './database.ts';

/**
 * A read on the read replica failed for want of the replica (DATABASE_READ_URL). It is a
 * DatabaseUnavailableError, so when it reaches the HTTP layer it is a 503 like any other; the read
 * routing (http/read-routing.ts) runs the request again on the primary first.
 */
export class ReplicaUnavailableError extends DatabaseUnavailableError {
  /** The replica is unreachable or going down: reads keep away from it for a while. */
  readonly replicaDown: boolean;
  /**
   * Whether the read may run again on the primary: yes but for a statement timeout (a read that
   * slow on the replica would be as slow there). A read cancelled by a conflict with recovery
   * (40001) is retried without taking the replica out of use.
   */
  readonly retryOnPrimary: boolean;

  constructor(cause: DatabaseUnavailableError) {
    super(`read replica: ${cause.message}`, { cause });
    const state = sqlStateOf(cause.cause);
    this.retryOnPrimary = state !== '57014';
    this.replicaDown = state !== '57014' && state !== '40001' && state !== '40P01';
  }
}

function tagged(err: unknown): unknown {
  return err instanceof DatabaseUnavailableError && !(err instanceof ReplicaUnavailableError) ? new ReplicaUnavailableError(err) : err;
}

async function tagging<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw tagged(err);
  }
}

function taggingQueryable(q: Queryable): Queryable {
  return {
    query: (sql, params) => tagging(() => q.query(sql, params)),
    exec: (sql) => tagging(() => q.exec(sql)),
  };
}

/**
 * The replica's Database as the read-only routes see it: the same, but its failures for want of
 * the replica are ReplicaUnavailableError, told apart from the primary's (an export's audit entry
 * is written on the primary in the same request).
 */
export function replicaDatabase(replica: Database): Database {
  const reads = taggingQueryable(replica);
  return {
    driver: replica.driver,
    ...reads,
    async transaction(fn) {
      // Errors of fn's own (another database's among them) pass as they are; begin, commit and
      // the transaction's queries are the replica's.
      const own = new WeakSet<object>();
      try {
        return await replica.transaction(async (tx) => {
          try {
            return await fn(taggingQueryable(tx));
          } catch (err) {
            if (typeof err === 'object' && err !== null) own.add(err);
            throw err;
          }
        });
      } catch (err) {
        throw typeof err === 'object' && err !== null && own.has(err) ? err : tagged(err);
      }
    },
    exclusively: (fn) => replica.exclusively(fn),
    hasMvtSupport: () => replica.hasMvtSupport(),
    close: () => replica.close(),
  };
}
