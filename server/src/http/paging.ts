import { z } from 'zod';

/** `limit` is clamped to [1, max] rather than refused; `offset` must be a whole number. */
export function pagingQuery(defaultLimit = 100, max = 1000) {
  return {
    limit: z.coerce
      .number()
      .int()
      .default(defaultLimit)
      .transform((n) => Math.min(Math.max(n, 1), max)),
    offset: z.coerce.number().int().min(0).default(0),
  };
}
