import type { z } from 'zod';
import { HttpError } from './errors.ts';

/** Parses a query string or params object at the HTTP edge; 400 names every bad field. */
export function parseOr400<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  refuseNul(input);
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
  refuseNul(body);
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

/**
 * PostgreSQL text cannot hold the NUL character (U+0000): a string or key with one anywhere in
 * the input is refused here, by its field, before it reaches a query.
 */
function refuseNul(input: unknown): void {
  const path = nulPath(input);
  if (path === null) return;
  const field = path.join('.') || 'request';
  const message = '不能包含空字符 (must not contain the NUL character U+0000)';
  throw new HttpError(400, 'BAD_REQUEST', `${field}: ${message}`, { fields: [{ field, message }] });
}

interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
}

/**
 * Where the first NUL is, walked without recursion and without copying paths (a body may nest
 * thousands of levels); the path is built only for the one found.
 */
function nulPath(input: unknown): (string | number)[] | null {
  const stack: Visit[] = [{ value: input, key: null, parent: null }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const { value } = visit;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return pathOf(visit);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i] as unknown, key: i, parent: visit });
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const visitChild = { value: child, key, parent: visit };
        if (key.includes('\u0000')) return pathOf(visitChild);
        stack.push(visitChild);
      }
    }
  }
  return null;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let v: Visit | null = visit; v !== null && v.key !== null; v = v.parent) path.unshift(v.key);
  return path;
}

/**
 * Compile-time proof that a schema reads a contract request type (server/src/contract): all a
 * client may send under the contract is the schema's input, and what the schema yields fits the
 * contract, so neither can change without the other. `true` when both hold:
 * `const checked: ReadsContract<typeof body, Request> = true;`
 */
export type ReadsContract<S extends z.ZodType, Request> = [Request] extends [z.input<S>]
  ? [z.output<S>] extends [Request]
    ? true
    : false
  : false;
