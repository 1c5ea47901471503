import type { Request, Response } from 'express';
import type { SessionUser } from '../auth/user.ts';
import type { Lifecycle } from '../http/lifecycle.ts';
import type { CaseFeed } from './case-feed.ts';
import { feedEventFor } from './case-reach.ts';

/** A comment line this often keeps proxies and the browser from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;
/** How long the browser waits before it reconnects (EventSource `retry`). */
const RETRY_MS = 5_000;

/**
 * GET /api/cases/events: `event: case` with a CaseFeedEvent for every change to a case the account
 * may see (a worker: their grids and transfers to them), a comment every 25 s, until the client
 * leaves or the server starts draining.
 */
export async function streamCaseEvents(req: Request, res: Response, user: SessionUser, feed: CaseFeed, lifecycle: Lifecycle | undefined): Promise<void> {
  await feed.ready();
  // no-transform keeps the compressor from buffering the stream.
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store, no-transform',
    'X-Accel-Buffering': 'no',
  });
  res.write(`retry: ${RETRY_MS}\n: connected\n\n`);
  const unsubscribe = feed.subscribe((event) => {
    if (feedEventFor(user, event)) res.write(`event: case\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const forgetDrain = lifecycle?.onDrain(() => res.end());
  const stop = () => {
    unsubscribe();
    clearInterval(heartbeat);
    forgetDrain?.();
  };
  req.socket.setTimeout(0);
  res.once('close', stop);
  if (res.writableEnded || req.socket.destroyed) stop();
}
