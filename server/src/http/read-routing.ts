import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { ReplicaUnavailableError } from '../db/read-replica.ts';

/** After its own write, a browser reads from the primary this long (the replica may not have it yet). */
export const READ_YOUR_WRITES_MS = 5_000;
/** After the replica failed to connect, reads go to the primary this long before it is tried again. */
export const REPLICA_RETRY_MS = 5_000;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ReadRoutingOptions {
  /** Over HTTPS the cookie is Secure with the __Host- prefix, as the session cookie. */
  secure: boolean;
  windowMs?: number;
  retryAfterMs?: number;
  log?: (message: string) => void;
}

/**
 * Which server a read-only request reads from when there is a read replica (DATABASE_READ_URL):
 * - the primary for a browser that wrote in the last READ_YOUR_WRITES_MS: every successful write
 *   response sets a cookie holding the time of the write, so it works across API processes
 *   (WORKERS) and machines behind one address. The cookie is only a routing hint: forging it
 *   sends one's own reads to the primary, which is what every read did without a replica;
 * - the primary while the replica is known to be down, trying it again every REPLICA_RETRY_MS;
 * - the replica otherwise. A read that fails there for want of the replica runs again on the
 *   primary (if nothing was sent yet), so a replica going down costs no failed request.
 */
export class ReadRouting {
  readonly cookieName: string;
  private readonly cookieValue: RegExp;
  private readonly windowMs: number;
  private readonly retryAfterMs: number;
  private readonly log: (message: string) => void;
  private downUntil = 0;
  private loggedAt = 0;

  constructor(private readonly options: ReadRoutingOptions) {
    this.cookieName = options.secure ? '__Host-wgdt_wrote' : 'wgdt_wrote';
    this.cookieValue = new RegExp(`(?:^|;)\\s*${this.cookieName}=(\\d{1,15})\\s*(?:;|$)`);
    this.windowMs = options.windowMs ?? READ_YOUR_WRITES_MS;
    this.retryAfterMs = options.retryAfterMs ?? REPLICA_RETRY_MS;
    this.log = options.log ?? ((m) => console.error(m));
  }

  /** Whether this request reads from the replica (see the class comment); costs no query. */
  useReplica(req: IncomingMessage): boolean {
    return Date.now() >= this.downUntil && !this.wroteRecently(req);
  }

  private wroteRecently(req: IncomingMessage): boolean {
    const header = req.headers.cookie;
    if (!header?.includes(this.cookieName)) return false;
    const m = this.cookieValue.exec(header);
    // Either way from now: a few seconds of clock difference between API machines are forgiven.
    return m !== null && Math.abs(Date.now() - Number(m[1])) < this.windowMs;
  }

  /**
   * Middleware for every request: a write (any method but GET, HEAD, OPTIONS) answered with a
   * status below 400 sets the cookie with the time of the answer, which comes after the commit.
   */
  markWrites(): RequestHandler {
    const options = {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.options.secure,
      path: '/',
      maxAge: this.windowMs + 1_000,
    };
    const name = this.cookieName;
    return (req, res, next) => {
      if (READ_METHODS.has(req.method)) return next();
      const writeHead = res.writeHead as (...args: unknown[]) => ServerResponse;
      res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
        const status = typeof args[0] === 'number' ? args[0] : res.statusCode;
        if (status < 400) res.cookie(name, String(Date.now()), options);
        return writeHead.apply(this, args);
      } as typeof res.writeHead;
      next();
    };
  }

  /**
   * One read-only route module twice, on the replica and on the primary: the request goes to
   * the one useReplica() picks, and from the replica to the primary when the replica fails it.
   */
  route(replica: RequestHandler, primary: RequestHandler): RequestHandler {
    return (req, res, next) => {
      if (!this.useReplica(req)) return primary(req, res, next);
      call(replica, req, res, (err?: unknown) => {
        if (err instanceof ReplicaUnavailableError && err.retryOnPrimary && !res.headersSent) {
          this.replicaFailed(err);
          call(primary, req, res, next);
          return;
        }
        next(err);
      });
    };
  }

  /** A read found the replica unusable: the next ones go to the primary for a while. */
  replicaFailed(err: ReplicaUnavailableError): void {
    if (!err.replicaDown) return;
    const now = Date.now();
    this.downUntil = now + this.retryAfterMs;
    if (now - this.loggedAt >= 60_000) {
      this.loggedAt = now;
      this.log(`Read replica unavailable (${(err.cause as Error).message}); reading from the primary, trying the replica again every ${this.retryAfterMs / 1000} s`);
    }
  }
}

/** Runs an Express handler, passing a rejection of an async one to next as Express does. */
function call(handler: RequestHandler, ...[req, res, next]: Parameters<RequestHandler>): void {
  const result = handler(req, res, next) as unknown;
  if (result instanceof Promise) result.catch(next);
}
