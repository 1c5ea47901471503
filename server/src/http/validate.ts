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

/**
 * Parses a request body against a strict object schema. Fields the client may not set (ids,
 * roles, codes, versions the server owns…) are refused by name instead of silently dropped.
 */
export function parseBodyOr400<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const unknown = result.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k].join('.')) : [],
  );
  if (unknown.length > 0) {
    throw new HttpError(400, 'FIELD_NOT_ALLOWED', `这些字段不能由请求设置 (fields that cannot be set): ${unknown.join(', ')}`, {
      fields: unknown.map((field) => ({ field, message: 'cannot be set by a request' })),
    });
  }
  return parseOr400(schema, body);
}
