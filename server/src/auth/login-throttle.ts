import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from '../http/errors.ts';

const WINDOW_SECONDS = 15 * 60;
const IP_FACTOR = 5;

/**
 * Failed sign-ins counted per username and per client IP over 15 minutes; past either limit every
 * attempt gets 429 with Retry-After until the window passes. An IP gets five times the budget of a
 * username, since a whole office may sign in from behind one address. Kept in memory: with several API
 * processes each counts on its own (a database-backed store would share the count).
 */
export class LoginThrottle {
  private readonly byIp: RateLimiterMemory;
  private readonly byUsername: RateLimiterMemory;

  constructor(maxFailures: number) {
    this.byIp = new RateLimiterMemory({ points: maxFailures * IP_FACTOR, duration: WINDOW_SECONDS });
    this.byUsername = new RateLimiterMemory({ points: maxFailures, duration: WINDOW_SECONDS });
  }

  /** Throws 429 when either counter is exhausted. */
  async check(ip: string, username: string): Promise<void> {
    const counts = await Promise.all([
      this.byIp.get(ip).then((r) => ({ r, limit: this.byIp.points })),
      this.byUsername.get(username.toLowerCase()).then((r) => ({ r, limit: this.byUsername.points })),
    ]);
    const blocked = counts
      .filter(({ r, limit }) => r !== null && r.consumedPoints >= limit)
      .map(({ r }) => r as RateLimiterRes);
    if (blocked.length > 0) {
      const retryAfter = Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000);
      throw new HttpError(429, 'TOO_MANY_ATTEMPTS', `登录失败次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试 (too many failed sign-ins)`, {
        retryAfterSeconds: retryAfter,
      });
    }
  }

  async failed(ip: string, username: string): Promise<void> {
    // consume() rejects once the points are gone; the next check() reports that.
    await Promise.allSettled([this.byIp.consume(ip), this.byUsername.consume(username.toLowerCase())]);
  }

  async succeeded(username: string): Promise<void> {
    await this.byUsername.delete(username.toLowerCase());
  }
}
