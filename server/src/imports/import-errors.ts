import { HttpError } from '../http/errors.ts';

/** The file cannot be read at all: say what is wrong and how to fix it. */
export function unreadable(zh: string, en: string): HttpError {
  return new HttpError(422, 'UNREADABLE_FILE', `${zh} (${en})`);
}

/** A library's own message, for the English part of a report. */
export function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  return message ? message.slice(0, 200) : 'unknown error';
}
