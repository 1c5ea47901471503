import autocannon from 'autocannon';
import { Tally } from './stats.ts';

// Concurrent HTTP load with autocannon, every response's latency kept (autocannon's own summary
// has p97.5 but no p95), timeouts and connection errors counted as outcomes.

export interface LoadPlan {
  url: string;
  connections: number;
  seconds: number;
  /** The path of each request in turn (e.g. cycling through seeded points). */
  nextPath: () => string;
  headers?: Record<string, string>;
  timeoutSeconds?: number;
}

export function load(plan: LoadPlan): Promise<Tally> {
  const tally = new Tally();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: plan.url,
        connections: plan.connections,
        duration: plan.seconds,
        timeout: plan.timeoutSeconds ?? 10,
        headers: plan.headers ?? {},
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: plan.nextPath() }) }],
      },
      (err, result) => {
        if (err) {
          reject(err as Error);
          return;
        }
        for (let i = 0; i < result.timeouts; i++) tally.record((plan.timeoutSeconds ?? 10) * 1000, 'timeout');
        const connectionErrors = result.errors - result.timeouts;
        for (let i = 0; i < connectionErrors; i++) tally.record(NaN, 'error');
        tally.wallMs = result.duration * 1000;
        // Latency percentiles are over answered requests only.
        tally.latencies.splice(0, tally.latencies.length, ...tally.latencies.filter((x) => !Number.isNaN(x)));
        resolve(tally);
      },
    );
    instance.on('response', (_client, statusCode, resBytes, responseTime) => tally.record(responseTime, statusCode, resBytes));
  });
}
