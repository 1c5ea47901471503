import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorCode } from '../contract/error-codes.ts';
import { DatabaseBusyError, DatabaseUnavailableError } from '../db/database.ts';

/** The one error type handlers throw; the middleware below is the single writer. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFoundApi: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'NOT_FOUND', `No such endpoint: ${req.method} ${req.path}`));
};

/** An error body-parser or the router marks as the client's, with a 4xx status (and, from body-parser, a type). */
interface ClientError {
  status: number;
  type?: unknown;
  errno?: unknown;
}

function isClientError(err: unknown): err is ClientError {
  const status = typeof err === 'object' && err !== null ? (err as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** What a client is told to wait after a 503 for the database: a restart takes a few seconds. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

export const errorWriter: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const http = toHttpError(err);
  // The database being away is one line per request (a restart fails many), anything else in full.
  if (err instanceof DatabaseUnavailableError) console.error(`${req.method} ${req.originalUrl}: 503, ${err.message}`);
  else if (http.status >= 500) console.error(`${req.method} ${req.originalUrl} failed:`, err);
  if (res.headersSent) return;
  const body: { code: ErrorCode; message: string; details?: unknown } = {
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
  if (err instanceof DatabaseBusyError) {
    return new HttpError(503, 'DATABASE_BUSY', '服务繁忙，请稍后重试 (too many requests are waiting for the database)', {
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    });
  }
  if (err instanceof DatabaseUnavailableError) {
    return new HttpError(503, 'DATABASE_UNAVAILABLE', '数据库暂时不可用，请稍后重试 (database unavailable, retry shortly)', {
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    });
  }
  if (isClientError(err)) {
    if (err.type === 'entity.too.large') {
      return new HttpError(413, 'PAYLOAD_TOO_LARGE', 'Request body exceeds the 2 MB limit');
    }
    if (err.type === 'entity.parse.failed') {
      return new HttpError(400, 'MALFORMED_JSON', 'Request body is not valid JSON');
    }
    if (err.type === 'encoding.unsupported') {
      return new HttpError(415, 'UNSUPPORTED_ENCODING', '不支持的 Content-Encoding (unsupported Content-Encoding): send the body as is, or as gzip, deflate or br');
    }
    if (err.type === 'charset.unsupported') {
      return new HttpError(415, 'UNSUPPORTED_CHARSET', '不支持的字符集 (unsupported charset): send JSON in UTF-8');
    }
    // zlib's own error, passed on by body-parser: the bytes are not what Content-Encoding says.
    if (typeof err.errno === 'number') {
      return new HttpError(400, 'BAD_REQUEST', '请求体无法解压 (the body could not be decompressed): it does not match its Content-Encoding');
    }
    if (err instanceof URIError) {
      return new HttpError(400, 'BAD_REQUEST', '地址中的百分号编码无效 (the path is not valid percent-encoding)');
    }
    return new HttpError(err.status, 'BAD_REQUEST', 'The request body could not be read');
  }
  return new HttpError(500, 'INTERNAL', 'Internal error');
}
