import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';

const SQL = {
  count: sqlFile(import.meta.url, 'count-login-attempt.sql'),
  forget: sqlFile(import.meta.url, 'forget-login-attempt.sql'),
  prune: sqlFile(import.meta.url, 'prune-login-attempts.sql'),
};

/** Every this many attempts a process clears out windows long past. */
const PRUNE_EVERY = 100;

const WINDOW_SECONDS = 15 * 60;
const IP_FACTOR = 5;

/**
 * Sign-in attempts per username and per client address over 15 minutes, counted in the database
 * (migration 010) so every API process shares them. Each attempt is counted before its password
 * is checked: past either limit it gets 429 with Retry-After until the window passes, however
 * many arrive at once (a refused attempt is then taken back). An address gets five times the budget
 * of a username, since a whole office may sign in from behind one address. A successful sign-in
 * clears its username and gives its address the attempt back.
 */
export class LoginThrottle {
  private attempts = 0;

  constructor(
    private readonly db: Queryable,
    private readonly maxFailures: number,
  ) {}

  /** Counts the attempt; throws 429 when it is one too many for the username or the address. */
  async attempt(ip: string, username: string): Promise<void> {
    const keys = this.keys(ip, username);
    if (++this.attempts % PRUNE_EVERY === 0) await this.db.query(SQL.prune, [WINDOW_SECONDS]);
    const rows = await this.db.query<{ key: string; attempts: number; retryAfterSeconds: number }>(SQL.count, [
      [keys.user, keys.ip],
      WINDOW_SECONDS,
    ]);
    const blocked = rows.filter((r) => r.attempts > (r.key === keys.ip ? this.maxFailures * IP_FACTOR : this.maxFailures));
    if (blocked.length > 0) {
      // A refused attempt was never checked: it does not count (the window does not grow either).
      await this.db.query(SQL.forget, [[keys.user, keys.ip], []]);
      const retryAfter = Math.max(...blocked.map((r) => r.retryAfterSeconds));
      throw new HttpError(429, 'TOO_MANY_ATTEMPTS', `登录失败次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试 (too many failed sign-ins)`, {
        retryAfterSeconds: retryAfter,
      });
    }
  }

  async succeeded(ip: string, username: string): Promise<void> {
    const keys = this.keys(ip, username);
    await this.db.query(SQL.forget, [[keys.ip], [keys.user]]);
  }

  private keys(ip: string, username: string): { user: string; ip: string } {
    return { user: `user:${username.toLowerCase()}`, ip: `ip:${ip}` };
  }
}
