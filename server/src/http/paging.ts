import { INT4_MAX } from './integers.ts';
import { wholeNumberParam } from './query-params.ts';

/** How many items a page skips: a whole number from 0, within PostgreSQL's integer. */
export const offsetParam = wholeNumberParam('offset', { min: 0, max: INT4_MAX }).default(0);

/**
 * How many items a page holds: at least 1 (0, a negative or an empty value is refused), and
 * above `max` the server's maximum is used, as OGC API – Features does.
 */
export function limitParam(defaultLimit: number, max: number) {
  return wholeNumberParam('limit', { min: 1 })
    .default(defaultLimit)
    .transform((n) => Math.min(n, max));
}

/** `limit` (above max: max) and `offset` of a paged list. */
export function pagingQuery(defaultLimit = 100, max = 1000) {
  return { limit: limitParam(defaultLimit, max), offset: offsetParam };
}
