// Promised response times count working days (Monday to Friday) in China Standard Time; public
// holidays and the weekends made working days around them are not counted apart.

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The moment `days` working days after `from`: the same time of day on the `days`-th working day
 * after it. A report made on a Saturday is due as if made first thing on Monday.
 */
export function addWorkingDays(from: Date, days: number): Date {
  // Work in "China local time as if it were UTC", so getUTCDay() is the weekday in China.
  let local = new Date(from.getTime() + CST_OFFSET_MS);
  while (isWeekend(local)) local = startOfNextDay(local);
  let added = 0;
  while (added < days) {
    local = new Date(local.getTime() + DAY_MS);
    if (!isWeekend(local)) added += 1;
  }
  return new Date(local.getTime() - CST_OFFSET_MS);
}

function isWeekend(local: Date): boolean {
  const day = local.getUTCDay();
  return day === 0 || day === 6;
}

function startOfNextDay(local: Date): Date {
  const next = new Date(local.getTime() + DAY_MS);
  next.setUTCHours(0, 0, 0, 0);
  return next;
}
