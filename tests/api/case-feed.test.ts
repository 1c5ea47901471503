import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appLifecycle, closeApp, createApp } from '../../server/src/app.ts';
import type { CaseFeed } from '../../server/src/cases/case-feed.ts';
import { readConfig } from '../../server/src/config.ts';
import type { CaseDetail, CaseFeedEvent } from '../../server/src/contract/cases.ts';
import type { Database } from '../../server/src/db/database.ts';
import { openPostgres } from '../../server/src/db/postgres-driver.ts';
import { makeGridWorker, send, signIn } from '../support/accounts.ts';
import { gridsOf, insertCase, type TestGrid } from '../support/civic-cases.ts';
import { openTestDatabase, serveApp, type TestPlatform } from '../support/test-platform.ts';

// Live case events (GET /api/cases/events): a grid worker's stream carries the changes to their
// grids' cases and no other grid's; on PostgreSQL an event from one process reaches a stream on
// another (LISTEN/NOTIFY); a stream ends when the server drains instead of holding the shutdown.

const clientDist = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-no-client-'));
const config = { ...readConfig(), rateLimitPerMinute: 100_000 };
const now = new Date('2026-11-02T02:00:00Z');
const onPostgres = inject('databaseTemplate').driver === 'postgres';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let app: Express;
let platform: TestPlatform;
let gridA: TestGrid;
let gridB: TestGrid;
let gridOther: TestGrid;
let workerA: string;
let workerB: string;
const cleanups: (() => Promise<void>)[] = [];

function startApp(db: Database): Express {
  const made = createApp({ db, config, clientDist, clock: () => now });
  cleanups.push(() => closeApp(made));
  return made;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = startApp(database.db);
  platform = await serveApp(app, database.db);
  [gridA, gridB] = (await gridsOf(platform.db, '320213021', 2)) as [TestGrid, TestGrid];
  [gridOther] = (await gridsOf(platform.db, '320213022', 1)) as [TestGrid];
  workerA = await signIn(platform, await makeGridWorker(platform, [gridA.code]));
  workerB = await signIn(platform, await makeGridWorker(platform, [gridB.code]));
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await platform.close();
  await database.dispose();
  fs.rmSync(clientDist, { recursive: true, force: true });
});

interface Stream {
  res: Response;
  /** The next `event: case` (comments skipped); null once the stream has ended. */
  next(): Promise<CaseFeedEvent | null>;
  close(): void;
}

async function openStream(url: string, cookie: string): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/cases/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  return {
    res,
    async next() {
      for (;;) {
        const end = buffered.indexOf('\n\n');
        if (end >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const lines = block.split('\n');
          if (!lines.includes('event: case')) continue;
          const data = lines.find((l) => l.startsWith('data: '));
          return JSON.parse(data!.slice('data: '.length)) as CaseFeedEvent;
        }
        const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (chunk.done) return null;
        buffered += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => abort.abort(),
  };
}

const feedOf = (a: Express) => a.locals.caseFeed as CaseFeed;

async function reportIn(grid: TestGrid, feed: CaseFeed): Promise<{ id: number; code: string }> {
  const made = await insertCase(platform.db, { grid, createdAt: now });
  await feed.publish({ caseId: made.id, code: made.code, kind: 'created', status: 'pending', gridCode: grid.code });
  return made;
}

describe('a grid worker’s stream', () => {
  it('carries a new case of their grid and not one of another grid', async () => {
    const stream = await openStream(platform.url, workerA);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    try {
      // Published first, the other grid's case would arrive first if the stream let it through.
      const elsewhere = await reportIn(gridOther, feedOf(app));
      const mine = await reportIn(gridA, feedOf(app));
      const first = await stream.next();
      expect(first).toEqual({ caseId: mine.id, code: mine.code, kind: 'created', status: 'pending', gridCode: gridA.code });
      expect(first!.caseId).not.toBe(elsewhere.id);

      // A step taken through the API is published once committed.
      const res = await send(platform, 'POST', `/api/cases/${mine.id}/actions`, workerA, { action: 'accept', version: 1 });
      expect(res.status).toBe(200);
      expect(await stream.next()).toMatchObject({ caseId: mine.id, kind: 'accepted', status: 'accepted', gridCode: gridA.code });
    } finally {
      stream.close();
    }
  });

  it('carries a case handed to their grid (转派)', async () => {
    const stream = await openStream(platform.url, workerB);
    try {
      const { id } = await insertCase(platform.db, { grid: gridA, createdAt: now });
      const res = await send(platform, 'POST', `/api/cases/${id}/actions`, workerA, { action: 'transfer', version: 1, toGridCode: gridB.code, note: '相邻网格' });
      expect(res.status).toBe(200);
      expect(await stream.next()).toMatchObject({ caseId: id, kind: 'transferred', gridCode: gridA.code, otherGridCode: gridB.code });
    } finally {
      stream.close();
    }
  });

  it('needs a signed-in case worker', async () => {
    expect((await send(platform, 'GET', '/api/cases/events')).status).toBe(401);
  });
});

describe('several processes on one PostgreSQL database', () => {
  it.runIf(onPostgres)('an event published by one reaches a stream opened on the other', async () => {
    const secondDb = openPostgres({ connectionString: database.url! });
    const second = startApp(secondDb);
    const other = await serveApp(second, secondDb);
    cleanups.push(async () => {
      await other.close();
      await secondDb.close();
    });
    // Sessions live in the database: the same cookie works on both.
    const stream = await openStream(other.url, workerA);
    try {
      const made = await reportIn(gridA, feedOf(app));
      expect(await stream.next()).toMatchObject({ caseId: made.id, kind: 'created', gridCode: gridA.code });
      const res = await send(platform, 'POST', `/api/cases/${made.id}/actions`, workerA, { action: 'accept', version: 1 });
      expect(((await res.json()) as CaseDetail).status).toBe('accepted');
      expect(await stream.next()).toMatchObject({ caseId: made.id, kind: 'accepted' });
    } finally {
      stream.close();
    }
  });

  it.runIf(onPostgres)('the listening connection comes back by itself after it was cut', async () => {
    const stream = await openStream(platform.url, workerA);
    try {
      const cut = await platform.db.query<{ done: boolean }>(
        `select pg_terminate_backend(pid) as done from pg_stat_activity where datname = current_database() and query ilike 'listen %'`,
      );
      expect(cut.length).toBeGreaterThan(0);
      // Events published while it is away are lost; keep publishing until one arrives.
      const made = await insertCase(platform.db, { grid: gridA, createdAt: now });
      const event = { caseId: made.id, code: made.code, kind: 'note', status: 'pending', gridCode: gridA.code } as const;
      let received: CaseFeedEvent | null = null;
      const arrival = stream.next().then((e) => (received = e));
      while (received === null) {
        await feedOf(app).publish(event);
        await Promise.race([arrival, new Promise((resolve) => setTimeout(resolve, 250))]);
      }
      expect(received).toMatchObject({ caseId: made.id, kind: 'note' });
    } finally {
      stream.close();
    }
  });
});

describe('shutdown', () => {
  it('an open stream ends when the server drains, which does not wait for it', async () => {
    const server = await new Promise<Server>((resolve) => {
      const s: Server = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const stream = await openStream(url, workerA);
    expect(stream.res.status).toBe(200);
    const drained = appLifecycle(app).drain(server, 10 * 60_000);
    expect(await stream.next()).toBeNull();
    await drained;
    appLifecycle(app).draining = false;
  });
});
