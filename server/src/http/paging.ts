import { z } from 'zod';
import { INT4_MAX } from './integers.ts';

/** How many items a page skips: a whole number from 0, within PostgreSQL's integer. */
export const offsetParam = z.coerce
  .number({ message: 'offset must be a number' })
  .int('offset must be a whole number')
  .min(0, 'offset must not be negative')
  .max(INT4_MAX, 'offset is out of range')
  .default(0);

/** `limit` is clamped to [1, max] rather than refused; `offset` must be a whole number. */
export function pagingQuery(defaultLimit = 100, max = 1000) {
  return {
    limit: z.coerce
      .number()
      .int()
      .default(defaultLimit)
      .transform((n) => Math.min(Math.max(n, 1), max)),
    offset: offsetParam,
  };
}
