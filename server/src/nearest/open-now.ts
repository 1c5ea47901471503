import opening_hours from 'opening_hours';
import { CLOSING_SOON_MINUTES, type OpenState } from '../contract/finder.ts';

// Reading an opening-hours text costs 0.8–5 ms; asking a read one about an instant ~0.007 ms.
// Stations share a few dozen distinct texts, so each is read once and kept (a bounded cache:
// the least recently used text goes when it is full). A text that cannot be read is kept too,
// as `null`, so it is not tried again on every request.
const CACHE_LIMIT = 2_000;
const parsed = new Map<string, opening_hours | null>();

function parse(hours: string): opening_hours | null {
  const hit = parsed.get(hours);
  if (hit !== undefined) {
    // Move to the end: Map keeps insertion order, so the first key is the least recently used.
    parsed.delete(hours);
    parsed.set(hours, hit);
    return hit;
  }
  let value: opening_hours | null;
  try {
    value = new opening_hours(hours);
  } catch {
    value = null;
  }
  if (parsed.size >= CACHE_LIMIT) parsed.delete(parsed.keys().next().value!);
  parsed.set(hours, value);
  return value;
}

/** How many distinct texts are held (for tests). */
export function openingHoursCacheSize(): number {
  return parsed.size;
}

/**
 * Whether a facility is open at an instant, by its OSM opening_hours text, in Asia/Shanghai time.
 * null when the text is missing or cannot be read (shown as "unknown", never as closed).
 */
export function openNow(hours: string | null, at: Date = new Date()): boolean | null {
  if (!hours) return null;
  const rules = parse(hours);
  if (!rules) return null;
  try {
    return rules.getState(shanghaiWallClock(at));
  } catch {
    return null;
  }
}

/** Beyond this the next change is not looked for: "closes at" only matters today. */
const CLOSES_AT_HORIZON_MS = 24 * 3_600_000;

/**
 * 开放中 / 即将关闭 / 已关闭 at an instant, with the time an open facility closes (Shanghai wall
 * time "HH:MM", when that is within a day). null when the hours are missing or unreadable.
 */
export function openState(hours: string | null, at: Date = new Date()): { openState: OpenState; closesAt: string | null } | null {
  if (!hours) return null;
  const rules = parse(hours);
  if (!rules) return null;
  try {
    const wall = shanghaiWallClock(at);
    if (!rules.getState(wall)) return { openState: 'closed', closesAt: null };
    // Both dates carry Shanghai's wall clock in their local fields, so their difference is real time.
    const next = rules.getNextChange(wall, new Date(wall.getTime() + CLOSES_AT_HORIZON_MS));
    if (!next) return { openState: 'open', closesAt: null };
    const minutes = (next.getTime() - wall.getTime()) / 60_000;
    const closesAt = `${String(next.getHours()).padStart(2, '0')}:${String(next.getMinutes()).padStart(2, '0')}`;
    return { openState: minutes <= CLOSING_SOON_MINUTES ? 'closingSoon' : 'open', closesAt };
  } catch {
    return null;
  }
}

/** China has kept UTC+8 all year since 1992 (summer time ran 1986–1991). */
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
const EIGHT_HOURS = 8 * 3_600_000;

// One formatter for the rare instant before 1992: building one costs far more than using it.
let formatter: Intl.DateTimeFormat | undefined;

/**
 * opening_hours reads a Date's local fields; this Date's local fields are Shanghai's wall clock,
 * whatever time zone the server runs in.
 */
export function shanghaiWallClock(at: Date): Date {
  const t = at.getTime();
  if (t >= FIXED_OFFSET_SINCE) {
    const shifted = new Date(t + EIGHT_HOURS);
    return new Date(
      shifted.getUTCFullYear(),
      shifted.getUTCMonth(),
      shifted.getUTCDate(),
      shifted.getUTCHours(),
      shifted.getUTCMinutes(),
      shifted.getUTCSeconds(),
    );
  }
  formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const parts = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, Number(p.value)])) as Record<string, number>;
  return new Date(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}
