import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DatabaseUnavailableError } from '../db/database.ts';

/** The one error type handlers throw; the middleware below is the single writer. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFoundApi: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'NOT_FOUND', `No such endpoint: ${req.method} ${req.path}`));
};

interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return typeof err === 'object' && err !== null && 'type' in err && 'status' in err;
}

/** What a client is told to wait after a 503 for the database: a restart takes a few seconds. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

export const errorWriter: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const http = toHttpError(err);
  // The database being away is one line per request (a restart fails many), anything else in full.
  if (err instanceof DatabaseUnavailableError) console.error(`${req.method} ${req.originalUrl}: 503, ${err.message}`);
  else if (http.status >= 500) console.error(`${req.method} ${req.originalUrl} failed:`, err);
  if (res.headersSent) return;
  const body: { code: string; message: string; details?: unknown } = {
    code: http.code,
    message: http.message,
  };
  if (http.details !== undefined) body.details = http.details;
  const retry = (http.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if ((http.status === 429 || http.status === 503) && typeof retry === 'number') res.setHeader('Retry-After', String(retry));
  res.status(http.status).json({ error: body });
};

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof DatabaseUnavailableError) {
    return new HttpError(503, 'DATABASE_UNAVAILABLE', '数据库暂时不可用，请稍后重试 (database unavailable, retry shortly)', {
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    });
  }
  if (isBodyParserError(err)) {
    if (err.type === 'entity.too.large') {
      return new HttpError(413, 'PAYLOAD_TOO_LARGE', 'Request body exceeds the 2 MB limit');
    }
    if (err.type === 'entity.parse.failed') {
      return new HttpError(400, 'MALFORMED_JSON', 'Request body is not valid JSON');
    }
    if (err.status >= 400 && err.status < 500) {
      return new HttpError(err.status, 'BAD_REQUEST', 'The request body could not be read');
    }
  }
  return new HttpError(500, 'INTERNAL', 'Internal error');
}
