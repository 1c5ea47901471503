import crypto from 'node:crypto';
import { REPORT_LIMITS } from '../contract/cases.ts';
import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';

const QUOTA_KEY = sqlFile(import.meta.url, 'quota-key.sql');
const TAKE_QUOTA = sqlFile(import.meta.url, 'take-quota.sql');

const HOUR_MS = 60 * 60 * 1000;

/**
 * Reports per client address and clock hour (REPORT_LIMITS.reportsPerHour), counted in the
 * database so several processes count together. The address is kept only as a keyed hash.
 */
export class ReportQuota {
  private key: Promise<string> | undefined;

  constructor(private readonly perHour: number = REPORT_LIMITS.reportsPerHour) {}

  /** Counts one report inside tx; 429 RATE_LIMITED with Retry-After when the hour's quota is used up. */
  async take(tx: Queryable, address: string, now: Date): Promise<void> {
    const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    const rows = await tx.query<{ n: number }>(TAKE_QUOTA, [await this.hash(tx, address), hour, this.perHour]);
    if (rows.length > 0) return;
    const seconds = Math.max(1, Math.ceil((hour.getTime() + HOUR_MS - now.getTime()) / 1000));
    const minutes = Math.ceil(seconds / 60);
    throw new HttpError(
      429,
      'RATE_LIMITED',
      `一小时内最多反映 ${this.perHour} 个问题，请 ${minutes} 分钟后再试；紧急情况请直接联系网格员或拨打 12345 ` +
        `(at most ${this.perHour} reports an hour from one address: try again in ${minutes} minutes)`,
      { retryAfterSeconds: seconds },
    );
  }

  /** The key is read once, in the caller's transaction (the embedded database has one connection). */
  private async hash(tx: Queryable, address: string): Promise<string> {
    this.key ??= tx.query<{ key: string }>(QUOTA_KEY).then(([row]) => {
      if (!row) throw new Error('report_quota_key is empty (migration 018)');
      return row.key;
    });
    const key = await this.key.catch((err: unknown) => {
      this.key = undefined;
      throw err;
    });
    return crypto.createHmac('sha256', key).update(address).digest('hex');
  }
}
