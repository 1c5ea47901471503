import type { CaseSummary } from '../../api/cases';
import type { T } from '../../i18n/useT';
import type { MygridKey } from './strings';

// Which deadline applies to a case now (受理 while pending, 办结 while accepted or in progress), and
// how far from it the case is, in words a worker reads at a glance: "已逾期 2 天 3 小时".

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Due {
  kind: 'accept' | 'close';
  deadline: string;
}

/** The deadline the case is measured against now; none once it has ended. */
export function dueOf(c: Pick<CaseSummary, 'status' | 'acceptDeadline' | 'closeDeadline'>): Due | null {
  if (c.status === 'pending') return { kind: 'accept', deadline: c.acceptDeadline };
  if (c.status === 'accepted' || c.status === 'in_progress') return { kind: 'close', deadline: c.closeDeadline };
  return null;
}

/** "2 天 3 小时", "5 小时", "12 分钟": the two largest units, enough to judge urgency. */
export function formatSpan(ms: number, t: T<MygridKey>): string {
  const span = Math.abs(ms);
  const days = Math.floor(span / DAY);
  const hours = Math.floor((span % DAY) / HOUR);
  const minutes = Math.max(1, Math.floor((span % HOUR) / MINUTE));
  if (days > 0) return hours > 0 ? `${t('days', { n: days })} ${t('hours', { n: hours })}` : t('days', { n: days });
  if (hours > 0) return t('hours', { n: hours });
  return t('minutes', { n: minutes });
}

/**
 * The line under a case: how late it is (the server's `overdue` decides, its clock is the one
 * that counts), or how long is left.
 */
export function dueText(c: CaseSummary, now: number, t: T<MygridKey>): string | null {
  const due = dueOf(c);
  if (!due) return null;
  const left = new Date(due.deadline).getTime() - now;
  if (c.overdue) return left < 0 ? t('overdueBy', { time: formatSpan(left, t) }) : t('overdue');
  return t('dueIn', { time: formatSpan(left, t) });
}
