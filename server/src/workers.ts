import cluster, { type Worker } from 'node:cluster';

/** A worker that died this soon after it started is not restarted at once again (a crash loop). */
const RESTART_DELAY_MS = 1_000;

type Log = (message: string) => void;

/**
 * The primary of `WORKERS=N`: runs N API processes (node:cluster shares the port among them),
 * starts a new one when one dies, and on SIGTERM/SIGINT asks each to drain and exits when all
 * have. Every process prepares the database in turn (platform.ts) and follows the tile and
 * facility change log itself, so they behave as one.
 */
export function runPrimary(count: number, log: Log = (m) => console.log(m)): void {
  let stopping = false;
  let readyUrl: string | undefined;
  const ready = new Set<number>();

  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (typeof message !== 'object' || message === null || !('ready' in message)) return;
      readyUrl ??= String((message as { ready: unknown }).ready);
      ready.add(worker.id);
      if (ready.size === count) log(`网格党建地图 ready: ${readyUrl} (${count} 个服务进程 / ${count} API processes)`);
    });
  };

  cluster.on('exit', (worker: Worker, code, signal) => {
    ready.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log(`服务进程 ${worker.process.pid} 已退出 (an API process exited: ${signal ?? `code ${code}`}); starting another`);
    setTimeout(fork, RESTART_DELAY_MS);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, closing ${Object.keys(cluster.workers ?? {}).length} API processes…`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  for (let i = 0; i < count; i++) fork();
}

/** In a worker: tells the primary this process is serving. */
export function reportReady(url: string): void {
  if (cluster.isWorker) process.send?.({ ready: url });
}
