// Dates as people in China read them: one time zone (UTC+8), no daylight saving.

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The China date (YYYY-MM-DD) of an instant. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 China time of a date (YYYY-MM-DD). */
export function chinaMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CST_OFFSET_MS);
}

/** The date `days` days after (or before, when negative) a date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Mondays (00:00 China time) of the `count` weeks up to and including the week of `now`, oldest first. */
export function weekStarts(now: Date, count: number): Date[] {
  const today = chinaDate(now);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = addDays(today, -weekday);
  return Array.from({ length: count }, (_, i) => chinaMidnight(addDays(monday, 7 * (i - count + 1))));
}
