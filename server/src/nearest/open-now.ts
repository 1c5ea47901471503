import opening_hours from 'opening_hours';

/**
 * Whether a facility is open at an instant, by its OSM opening_hours text, in Asia/Shanghai time.
 * null when the text is missing or cannot be read (shown as "unknown", never as closed).
 */
export function openNow(hours: string | null, at: Date = new Date()): boolean | null {
  if (!hours) return null;
  try {
    return new opening_hours(hours).getState(shanghaiWallClock(at));
  } catch {
    return null;
  }
}

// opening_hours reads a Date's local fields; this Date's local fields are Shanghai's wall clock,
// whatever time zone the server runs in.
function shanghaiWallClock(at: Date): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Shanghai',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return new Date(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}
