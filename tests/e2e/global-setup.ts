import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

// Builds the client, starts the real server on a fresh embedded database (which loads the
// demo district on first start) and hands its URL to the browser tests.

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The demo accounts the server created on first start (DATA_DIR/demo-accounts.txt). */
    demoAccounts: DemoAccount[];
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A fresh embedded database initialises PostGIS and loads the demo: ~30–40 s, more on a busy machine. */
const READY_TIMEOUT_MS = 150_000;
const OUTPUT_LINES_KEPT = 200;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `server exited early (code ${code ?? 'null'}, signal ${signal ?? 'null'})`;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${exited}\n--- server output ---\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not healthy after ${READY_TIMEOUT_MS / 1000} s\n--- server output ---\n${output()}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      // Negative pid: the whole process group (tsx runs the server in a child process).
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  signalGroup('SIGTERM');
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    signalGroup('SIGKILL');
    await exited;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // E2E_BASE_URL points the tests at a server that is already running (e.g. while developing
  // the client); it must serve a current build.
  const external = process.env['E2E_BASE_URL'];
  if (external) {
    const response = await fetch(`${external}/api/health`).catch(() => null);
    if (!response?.ok) throw new Error(`E2E_BASE_URL ${external} does not answer /api/health`);
    project.provide('baseUrl', external.replace(/\/+$/, ''));
    project.provide('demoAccounts', process.env['E2E_DATA_DIR'] ? await readDemoAccounts(path.join(process.env['E2E_DATA_DIR'], 'demo-accounts.txt')) : []);
    return async () => undefined;
  }

  await build({ configFile: path.join(ROOT, 'vite.config.ts'), root: path.join(ROOT, 'client'), logLevel: 'warn' });

  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wgdj-e2e-'));
  // Every browser test reports from 127.0.0.1: the hourly quota of one address is raised for them.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, REPORTS_PER_HOUR: '1000' };
  // Always a fresh embedded database: the tests must never touch a configured real one.
  delete env['DATABASE_URL'];

  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
    if (lines.length > OUTPUT_LINES_KEPT) lines.splice(0, lines.length - OUTPUT_LINES_KEPT);
  };
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['server/src/main.ts'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const baseUrl = `http://127.0.0.1:${port}`;
  const teardown = async () => {
    await stopServer(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, () => lines.join('\n'));
  } catch (err) {
    await teardown();
    throw err;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('demoAccounts', await readDemoAccounts(path.join(dataDir, 'demo-accounts.txt')));
  return teardown;
}

export interface DemoAccount {
  role: string;
  username: string;
  password: string;
  regionCode: string;
}

/** `role\tusername\tpassword\tregionCode` per line. */
async function readDemoAccounts(file: string): Promise<DemoAccount[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [role = '', username = '', password = '', regionCode = ''] = line.split('\t');
      return { role, username, password, regionCode };
    });
}
