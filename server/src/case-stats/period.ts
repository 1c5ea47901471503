import type { Request } from 'express';
import { z } from 'zod';
import { requireRole, requireScope } from '../auth/authenticate.ts';
import type { SessionUser } from '../auth/user.ts';
import type { Clock } from '../cases/clock.ts';
import { regionCode } from '../http/query-params.ts';
import { HttpError } from '../http/errors.ts';
import { addDays, chinaDate, chinaMidnight } from './china-dates.ts';

/** Days a period covers when `from` is not given. */
export const DEFAULT_PERIOD_DAYS = 90;
/** The longest period asked for at once. */
const MAX_PERIOD_DAYS = 3 * 366;

const isoDate = (field: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} must be a date YYYY-MM-DD`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && chinaDate(chinaMidnight(s)) === s, `${field} must be a real date YYYY-MM-DD`);

export const region = regionCode('region').optional();

export const periodQuery = z.object({ region, from: isoDate('from').optional(), to: isoDate('to').optional() });
export type PeriodQuery = z.infer<typeof periodQuery>;

/** Oversight is for leaders and admins within their region; planners and grid workers get 403. */
export function overseerOf(req: Request, asked: string | undefined): { user: SessionUser; region: string } {
  const user = requireRole(req.user, 'leader', 'admin');
  const code = asked ?? user.regionCode;
  requireScope(user, code);
  return { user, region: code };
}

export interface Period {
  region: string;
  /** China dates, both included. */
  from: string;
  to: string;
  /** The instants: [start, end). */
  start: Date;
  end: Date;
}

/** The period asked for: `to` defaults to today, `from` to DEFAULT_PERIOD_DAYS days up to `to`. */
export function periodOf(region: string, q: PeriodQuery, clock: Clock): Period {
  const to = q.to ?? chinaDate(clock());
  const from = q.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) {
    throw new HttpError(400, 'BAD_REQUEST', `开始日期不能晚于结束日期，请调换 (from ${from} is after to ${to}; swap them)`);
  }
  const start = chinaMidnight(from);
  const end = chinaMidnight(addDays(to, 1));
  if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
    throw new HttpError(400, 'BAD_REQUEST', `时间段最长 ${MAX_PERIOD_DAYS} 天，请缩短 (the period may span at most ${MAX_PERIOD_DAYS} days)`);
  }
  return { region, from, to, start, end };
}
