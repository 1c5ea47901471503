import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { progress } from './report.ts';

// The API server as a child process (node + tsx, server/src/main.ts as `npm start` runs it), so its
// memory and CPU are its own and the load generator does not share its event loop.

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  pid: number;
  /** ms from spawn to the "ready" line (schema, demo on a first start, listening). */
  startMs: number;
  /** Resident set now and its peak so far (MB), from /proc. */
  memory(): { rssMb: number; peakMb: number };
  /** The server's output so far (for a failure report). */
  output(): string;
  /** Set when the process ended by itself (crash, out of memory). */
  exit(): string | undefined;
  stop(): Promise<void>;
}

export interface ServerEnv {
  DATABASE_URL?: string;
  DATA_DIR: string;
  LOAD_DEMO: 'true' | 'false';
  STATEMENT_TIMEOUT_MS?: string;
  WORKERS?: string;
}

// Every server this process started and has not stopped, so an interrupt stops them all.
const running = new Set<ChildProcess>();

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((c) => stopChild(c)));
}

export async function startServer(name: string, env: ServerEnv, readyTimeoutMs = 300_000): Promise<ServerProcess> {
  const started = performance.now();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...env,
    PORT: '0',
    HOST: '127.0.0.1',
    // The load tests come from one address; the anonymous rate limit would answer them with 429.
    RATE_LIMIT_PER_MINUTE: '100000000',
  };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/api-server.ts'], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let log = '';
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: server not ready after ${readyTimeoutMs / 1000} s\n${log.slice(-3000)}`)), readyTimeoutMs);
    const check = () => {
      const m = /ready: (http:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name}: server exited with ${code} before it was ready\n${log.slice(-3000)}`));
    });
  });
  const startMs = performance.now() - started;
  progress(`${name}: API server pid ${child.pid} at ${url} (ready in ${(startMs / 1000).toFixed(1)} s)`);
  return {
    url,
    pid: child.pid!,
    startMs,
    memory: () => memoryOf(child.pid!),
    output: () => log,
    exit: () => (child.exitCode !== null || child.signalCode !== null ? `exited with ${child.exitCode ?? child.signalCode}` : undefined),
    stop: () => stopChild(child),
  };
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, peakMb: NaN };
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
