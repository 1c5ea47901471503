import type { Server, ServerResponse } from 'node:http';

/** How long a client is told to wait when this process is shutting down (another one takes over). */
const RETRY_AFTER_SECONDS = 2;
const POLL_MS = 20;

/**
 * The HTTP server's life after a shutdown signal. While it drains, requests already running
 * finish (and close their connection after answering), any new one gets 503 with Retry-After and
 * Connection: close, and /api/ready answers 503, so a load balancer sends nothing more. When the
 * last running request has finished the server closes; at the deadline whatever is still open
 * (a client that never finishes its request) is cut.
 */
export class Lifecycle {
  draining = false;
  private readonly running = new Set<ServerResponse>();
  private readonly drainListeners = new Set<() => void>();

  /** While draining, answers the request with 503 and returns true; otherwise writes nothing. */
  refuseWhileDraining(res: ServerResponse): boolean {
    if (!this.draining) return false;
    refuse(res);
    return true;
  }

  /** Counts a request that goes on running (one answered at once, like a cached tile, need not be). */
  track(res: ServerResponse): void {
    this.running.add(res);
    res.once('close', () => this.running.delete(res));
  }

  /**
   * For a response that never finishes by itself (a server-sent event stream): called when the
   * server starts draining, so it ends there instead of holding the shutdown to its deadline.
   * Returns the function that forgets the listener.
   */
  onDrain(listener: () => void): () => void {
    this.drainListeners.add(listener);
    return () => this.drainListeners.delete(listener);
  }

  async drain(server: Server, timeoutMs: number): Promise<void> {
    this.draining = true;
    for (const listener of [...this.drainListeners]) listener();
    for (const res of this.running) if (!res.headersSent) res.setHeader('Connection', 'close');
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const cut = setTimeout(() => server.closeAllConnections(), Math.max(0, deadline - Date.now()));
    server.closeIdleConnections();
    try {
      await closed;
    } finally {
      clearTimeout(cut);
    }
  }
}

function refuse(res: ServerResponse): void {
  const body = JSON.stringify({
    error: {
      code: 'SHUTTING_DOWN',
      message: '服务正在重启，请稍后重试 (the server is shutting down, retry shortly)',
      details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
    },
  });
  res.writeHead(503, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Retry-After': String(RETRY_AFTER_SECONDS),
    Connection: 'close',
  });
  res.end(body);
}
