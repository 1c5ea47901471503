// The one place that turns an HTTP exchange into data or a typed ApiError, so every call file
// stays a few lines long and every screen can show the server's own error code and message.

import type { ErrorCode } from '../../../server/src/contract/error-codes.ts';
import { currentLang } from '../i18n/currentLang';
import { localMessage } from '../i18n/localMessage';

/** Error codes the client itself produces when there is no server error body to read. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'ABORTED' | 'CLIENT_ERROR' | 'TILE_ERROR';

export type ApiErrorCode = ErrorCode | ClientErrorCode;

export class ApiError extends Error {
  readonly status: number;
  /** The server's `error.code` (server/src/contract/error-codes.ts) or a ClientErrorCode. */
  readonly code: ApiErrorCode;
  readonly details: unknown;
  /** The message as the server wrote it, in both languages ('中文 (English)'). */
  readonly serverMessage: string;

  constructor(status: number, code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.serverMessage = message;
    // Every screen shows `message`: in the UI language, read when shown, so it follows a switch.
    Object.defineProperty(this, 'message', { get: () => localMessage(message, currentLang()), configurable: true });
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export function isAbort(value: unknown): boolean {
  return (
    (value instanceof ApiError && value.code === 'ABORTED') ||
    (value instanceof DOMException && value.name === 'AbortError')
  );
}

type QueryValue = string | number | readonly (string | number)[] | undefined | null;

/** Builds `path?a=1&b=x,y`, leaving out empty values so optional filters stay optional. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if (text !== '') params.set(key, text);
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The server's `{error:{code,message,details?}}` envelope, or null when the body is something else. */
export function readErrorBody(body: unknown): { code: ErrorCode; message: string; details?: unknown } | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof code !== 'string') return null;
  // The server is the contract's other half: its codes are the contract's.
  return { code: code as ErrorCode, message: typeof message === 'string' ? message : code, details };
}

/**
 * GET a JSON resource. The caller states the expected type; the server is the contract's other
 * half, so only the envelope is checked here, not every field.
 */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>('GET', url, undefined, signal);
}

/**
 * Sends a state-changing request with a JSON body (or none) and reads the JSON answer; a 204
 * resolves to null. The session cookie goes along (same origin), and the server's error code,
 * message and details arrive as an ApiError.
 */
export function sendJson<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  options: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  return requestJson<T>(method, url, body, options.signal, options.headers);
}

async function requestJson<T>(
  method: string,
  url: string,
  body: unknown,
  signal?: AbortSignal,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (signal?.aborted) throw new ApiError(0, 'ABORTED', 'Request aborted');
    throw new ApiError(0, 'NETWORK_ERROR', err instanceof Error ? err.message : String(err));
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    const error = readErrorBody(parsed);
    if (error) throw new ApiError(response.status, error.code, error.message, error.details);
    throw new ApiError(response.status, 'BAD_RESPONSE', `HTTP ${response.status} ${response.statusText}`);
  }
  if (response.status === 204) return null as T;
  if (parsed === null) {
    throw new ApiError(response.status, 'BAD_RESPONSE', `Expected JSON from ${url}`);
  }
  return parsed as T;
}
