import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { openEmbedded } from '../../server/src/db/embedded-driver.ts';
import { adminQuery, databaseUrlFor } from '../support/database-template.ts';

// The real entry point (server/src/main.ts) as a user runs it: it starts on the prepared data,
// stops cleanly on SIGTERM and SIGINT, and what was stored is there after the restart.

const MAIN = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));
const template = inject('databaseTemplate');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-lifecycle-'));
const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: workDir };
let dropDatabase = async () => undefined as void;

const MARKER = '重启测试党群服务站';
const INSERT_MARKER = `insert into facility (name, kind, geom) values ('${MARKER}', 'station', ST_SetSRID(ST_MakePoint(120.3, 31.57), 4326))`;

beforeAll(async () => {
  if (template.driver === 'embedded') {
    // Lay the template into DATA_DIR as a first start would have left it, plus a record of our own.
    const loadDataDir = new Blob([fs.readFileSync(template.dumpFile)]);
    const db = await openEmbedded({ dataDir: path.join(workDir, 'pgdata'), queryTimeoutMs: 60_000, loadDataDir });
    await db.query(INSERT_MARKER);
    await db.close();
  } else {
    const name = `wgdt_test_lifecycle_${process.pid}`;
    await adminQuery(template.adminUrl, `create database ${name} template ${template.templateName}`);
    env.DATABASE_URL = databaseUrlFor(template.adminUrl, name);
    await adminQuery(env.DATABASE_URL, INSERT_MARKER);
    dropDatabase = async () => void (await adminQuery(template.adminUrl, `drop database if exists ${name} with (force)`));
  }
});

afterAll(async () => {
  await dropDatabase();
  fs.rmSync(workDir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function startServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

function stop(running: Running, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.once('exit', (code) => resolve(code));
    running.child.kill(signal);
  });
}

async function facilityNames(url: string): Promise<string[]> {
  const fc = (await (await fetch(`${url}/api/facilities?kind=station`)).json()) as FeatureCollection;
  return fc.features.map((f) => String(f.properties?.name));
}

describe('the server process', () => {
  it('serves stored data, stops cleanly on SIGTERM and SIGINT, and keeps the data across restarts', async () => {
    const first = await startServer();
    expect(await facilityNames(first.url)).toContain(MARKER);
    expect(await stop(first, 'SIGTERM')).toBe(0);
    expect(first.output()).toMatch(/SIGTERM received/);

    const second = await startServer();
    expect(second.output()).toMatch(/data present/);
    expect(await facilityNames(second.url)).toContain(MARKER);
    expect(await stop(second, 'SIGINT')).toBe(0);
  });

  it('on SIGTERM lets running requests finish, answers later ones 503, and exits by the deadline despite a stuck client', async () => {
    const running = await startServer({ SHUTDOWN_TIMEOUT_MS: '5000', RATE_LIMIT_PER_MINUTE: '100000' });
    const port = Number(new URL(running.url).port);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 100 });
    const get = (p: string) =>
      new Promise<number | string>((resolve) => {
        const req = http.get({ host: '127.0.0.1', port, path: p, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 503 && !res.headers['retry-after'] ? '503 without Retry-After' : res.statusCode!));
        });
        req.on('error', (err) => resolve(`error: ${err.message}`));
      });
    // Connections already open, as a browser or a proxy keeps them.
    await Promise.all(Array.from({ length: 100 }, () => get('/api/health')));
    // A client that sends a request's head and never its body.
    const stuck = net.connect(port, '127.0.0.1');
    stuck.on('error', () => undefined);
    stuck.write('POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"username":');
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Requests running when the signal comes: sign-ins whose body is still arriving. They must get
    // their normal answer (401: no such account), not a reset or a 503.
    const slow = Array.from({ length: 5 }, (_, i) =>
      new Promise<number | string>((resolve) => {
        const body = JSON.stringify({ username: `nobody${i}`, password: 'wrong-password' });
        const req = http.request(
          { host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode!));
          },
        );
        req.on('error', (err) => resolve(`error: ${err.message}`));
        req.write(body.slice(0, 10));
        setTimeout(() => req.end(body.slice(10)), 800);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    const paths = ['/api/locate?lng=120.3012&lat=31.5733', '/api/regions?level=street', '/api/health', '/api/search?q=%E7%A4%BE%E5%8C%BA'];
    const inFlight = Array.from({ length: 100 }, (_, i) => get(paths[i % paths.length]!));
    const signalled = Date.now();
    const exited = stop(running, 'SIGTERM');
    const statuses = await Promise.all(inFlight);
    const slowStatuses = await Promise.all(slow);
    expect(await exited).toBe(0);
    const tookMs = Date.now() - signalled;
    stuck.destroy();
    agent.destroy();

    expect(slowStatuses).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    // The stuck client is cut at the 5 s deadline (room for the running sign-ins on a busy machine); closing the database follows.
    expect(tookMs).toBeLessThan(30_000);
    expect(running.output()).toMatch(/SIGTERM received/);
  });

  it.skipIf(template.driver !== 'postgres')('starts two processes together on an empty database: one prepares it, both serve', async () => {
    if (template.driver !== 'postgres') return;
    const name = `wgdt_test_together_${process.pid}`;
    await adminQuery(template.adminUrl, `create database ${name}`);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-together-'));
    const together = { DATABASE_URL: databaseUrlFor(template.adminUrl, name), DATA_DIR: dataDir };
    try {
      const [a, b] = await Promise.all([startServer(together), startServer(together)]);
      try {
        for (const s of [a, b]) expect((await fetch(`${s.url}/api/ready`)).status).toBe(200);
        const [counts] = await adminQuery<{ grids: number; accounts: number }>(
          together.DATABASE_URL,
          'select (select count(*) from grid)::integer as grids, (select count(*) from app_user)::integer as accounts',
        );
        expect(counts!.grids).toBe(943);
        expect([a, b].filter((s) => /载入演示数据/.test(s.output()))).toHaveLength(1);
        expect([a, b].filter((s) => /演示账号/.test(s.output()))).toHaveLength(1);
        expect(counts!.accounts).toBeGreaterThan(0);
      } finally {
        await Promise.all([stop(a, 'SIGTERM'), stop(b, 'SIGTERM')]);
      }
    } finally {
      await adminQuery(template.adminUrl, `drop database if exists ${name} with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.skipIf(template.driver !== 'postgres')('runs WORKERS=2 API processes on one port and replaces one that dies', async () => {
    const running = await startServer({ WORKERS: '2' });
    const workers = () =>
      execFileSync('ps', ['--ppid', String(running.child.pid), '-o', 'pid='], { encoding: 'utf8' })
        .split('\n')
        .map((l) => Number(l.trim()))
        .filter((pid) => pid > 0);
    try {
      expect(running.output()).toMatch(/2 API processes/);
      const [first, second] = workers();
      expect([first, second].every((pid) => pid !== undefined)).toBe(true);
      for (let i = 0; i < 20; i++) expect((await fetch(`${running.url}/api/health`)).status).toBe(200);

      process.kill(first!, 'SIGKILL');
      // The replacement has started when the primary says all its processes are serving again.
      const deadline = Date.now() + 30_000;
      while ((running.output().match(/2 API processes/g) ?? []).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(running.output()).toMatch(/已退出/);
      expect(workers(), running.output()).toHaveLength(2);
      expect(workers()).not.toContain(first);
      for (let i = 0; i < 20; i++) expect((await fetch(`${running.url}/api/health`)).status).toBe(200);
    } finally {
      expect(await stop(running, 'SIGTERM')).toBe(0);
    }
    expect(running.output()).toMatch(/closing 2 API processes/);
  });

  it('refuses to start with invalid configuration and names every bad setting', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...env, PORT: 'eighty', MIN_CELL_COUNT: '-3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/PORT/);
    expect(output).toMatch(/MIN_CELL_COUNT/);
  });
});
