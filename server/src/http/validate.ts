import type { z } from 'zod';
import { HttpError } from './errors.ts';

/** Parses a query string or params object at the HTTP edge; 400 names every bad field. */
export function parseOr400<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  const summary = fields.map((f) => `${f.field || 'request'}: ${f.message}`).join('; ');
  throw new HttpError(400, 'BAD_REQUEST', summary, { fields });
}
