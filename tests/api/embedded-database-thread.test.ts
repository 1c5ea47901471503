import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { readConfig } from '../../server/src/config.ts';
import { DatabaseUnavailableError, type Database } from '../../server/src/db/database.ts';
import { openEmbedded } from '../../server/src/db/embedded-driver.ts';
import { serveApp, type TestPlatform } from '../support/test-platform.ts';

// The embedded database runs on its own thread: a statement running long does not stop the HTTP
// server, a statement past the timeout ends in 503 and the database is started again from its
// files with what was committed, and requests beyond the waiting limit are refused with 503 at once.

const template = inject('databaseTemplate');
const TIMEOUT_MS = 3_000;
const MAX_WAITING = 6;
const MARKER = '线程测试党群服务站';

interface ErrorBody {
  error: { code: string };
}

let dir: string;
let db: Database;
let platform: TestPlatform;
let url: string;

async function timed(pathAndQuery: string): Promise<{ res: Response; ms: number }> {
  const started = performance.now();
  const res = await fetch(url + pathAndQuery);
  return { res, ms: performance.now() - started };
}

describe.skipIf(template.driver !== 'embedded')('the embedded database on its own thread', () => {
  beforeAll(async () => {
    if (template.driver !== 'embedded') return;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-thread-'));
    // Prepared without the short timeout (a first statement can be slow on a busy machine).
    const dataDir = path.join(dir, 'pgdata');
    const setup = await openEmbedded({ dataDir, queryTimeoutMs: 60_000, loadDataDir: new Blob([fs.readFileSync(template.dumpFile)]) });
    await setup.query(
      `insert into facility (name, kind, public, geom) values ($1, 'station', true, ST_SetSRID(ST_MakePoint(120.3, 31.57), 4326))`,
      [MARKER],
    );
    await setup.close();
    db = await openEmbedded({ dataDir, queryTimeoutMs: TIMEOUT_MS, maxWaiting: MAX_WAITING });
    platform = await serveApp(createApp({ db, config: { ...readConfig(), rateLimitPerMinute: 1_000_000 }, clientDist: dir }), db);
    url = platform.url;
  });

  afterAll(async () => {
    if (template.driver !== 'embedded') return;
    await platform?.close();
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps /api/health answering during a long statement; past the timeout it is 503 and the next request finds the data', async () => {
    const slow = db.query('select pg_sleep(30)').then(
      () => 'answered',
      (err: unknown) => err,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    const checks = [await timed('/api/health'), await timed('/api/health'), await timed('/api/health')];
    for (const { res } of checks) {
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', db: { driver: 'embedded', busy: true } });
    }
    // Not stuck behind the statement (30 s): the fastest of three is well under 100 ms.
    expect(Math.min(...checks.map((c) => c.ms))).toBeLessThan(100);
    const ready = await fetch(`${url}/api/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as ErrorBody).error.code).toBe('DATABASE_BUSY');
    expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);

    // A request queued behind it fails with the statement: 503 with Retry-After, not a hang.
    const queued = await fetch(`${url}/api/search?q=${encodeURIComponent('线程测试')}`);
    expect(queued.status).toBe(503);
    expect(queued.headers.get('retry-after')).toMatch(/^\d+$/);
    const failure = await slow;
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
    expect((failure as Error).message).toContain(`timed out after ${TIMEOUT_MS} ms`);

    // The database starts again from its files, with the row committed before.
    const after = await fetch(`${url}/api/search?q=${encodeURIComponent('线程测试')}`);
    expect(after.status).toBe(200);
    expect(JSON.stringify(await after.json())).toContain(MARKER);
    // Health says busy while the database starts again, then answers from it.
    await expect
      .poll(async () => ((await (await fetch(`${url}/api/health`)).json()) as { db: { postgis?: string } }).db.postgis, { timeout: 30_000, interval: 200 })
      .toMatch(/^3\./);
  });

  it(`refuses requests beyond ${MAX_WAITING} waiting with 503 DATABASE_BUSY at once, and resets no connection`, async () => {
    const slow = db.query('select pg_sleep(30)').catch((err: unknown) => err);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        timed(`/api/search?q=${encodeURIComponent(`站${i}`)}`).then(
          async ({ res, ms }) => ({ status: res.status, code: ((await res.json()) as ErrorBody).error.code, retryAfter: res.headers.get('retry-after'), ms }),
          (err: unknown) => ({ status: 0, code: String(err), retryAfter: null, ms: 0 }),
        ),
      ),
    );
    expect(await slow).toBeInstanceOf(DatabaseUnavailableError);
    expect(answers.filter((a) => a.status === 0)).toEqual([]);
    for (const a of answers) {
      expect(a.status).toBe(503);
      expect(a.retryAfter).toMatch(/^\d+$/);
    }
    // Those beyond the limit were answered without waiting for the statement to time out.
    const refused = answers.filter((a) => a.code === 'DATABASE_BUSY');
    expect(refused.length).toBeGreaterThanOrEqual(20 - MAX_WAITING);
    for (const a of refused) expect(a.ms).toBeLessThan(TIMEOUT_MS);

    const after = await fetch(`${url}/api/search?q=${encodeURIComponent('线程测试')}`);
    expect(after.status).toBe(200);
  });
});
