import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, closeApp } from '../../server/src/app.ts';
import type { CaseFeed } from '../../server/src/cases/case-feed.ts';
import { addWorkingDays } from '../../server/src/cases/deadlines.ts';
import { readConfig } from '../../server/src/config.ts';
import type { CaseFeedEvent, CreatedReport, ReportCategory, ReportStatus } from '../../server/src/contract/cases.ts';
import { fromWgs84 } from '../../server/src/geo/crs.ts';
import { makeAccount, makeGridWorker, send, signIn } from '../support/accounts.ts';
import { openTestDatabase, serveApp, type TestPlatform } from '../support/test-platform.ts';

// 民情反馈, the public side: a resident reports a problem at a place, the grid holding the place
// gets it, photos are kept without anything but their pixels, anyone with the code follows it,
// and the resident rates it once it is closed. The clock is the test's; addresses come from
// X-Forwarded-For (trust proxy on), so each test has its own report quota.

let platform: TestPlatform;
let feed: CaseFeed;
let now = new Date('2026-11-30T02:00:00Z'); // Monday 10:00 in China
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const { db, dispose } = await openTestDatabase();
  const clientDist = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-no-client-'));
  const app = createApp({ db, config: { ...readConfig(), trustProxy: true }, clientDist, clock: () => now });
  feed = app.locals.caseFeed as CaseFeed;
  await feed.ready();
  platform = await serveApp(app, db);
  closers.push(() => platform.close(), () => closeApp(app), dispose, async () => fs.rmSync(clientDist, { recursive: true, force: true }));
});
afterAll(async () => {
  for (const close of closers) await close();
});

let addressSeq = 0;
/** A client address no other test uses, so each test starts with a fresh quota. */
const newAddress = () => {
  addressSeq += 1;
  return `10.${(addressSeq >> 16) & 255}.${(addressSeq >> 8) & 255}.${addressSeq & 255}`;
};

function postReport(body: unknown, address: string): Promise<Response> {
  return send(platform, 'POST', '/api/reports', undefined, body, { 'x-forwarded-for': address });
}

function postPhoto(code: string, bytes: Buffer | string, type: string): Promise<Response> {
  return platform.get(`/api/reports/${code}/photos`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
  });
}

/** Resolves with the first feed event that matches, published from now on. */
function nextEvent(matches: (e: CaseFeedEvent) => boolean): Promise<CaseFeedEvent> {
  return new Promise((resolve) => {
    const unsubscribe = feed.subscribe((e) => {
      if (!matches(e)) return;
      unsubscribe();
      resolve(e);
    });
  });
}

async function count(table: 'civic_case' | 'case_event' | 'case_photo' | 'report_quota'): Promise<number> {
  const [row] = await platform.db.query<{ n: number }>(`select count(*)::integer as n from ${table}`);
  return row!.n;
}

/** A point well inside a current grid (its point on surface), with the grid's code. */
async function pointInGrid(offset = 0): Promise<{ lng: number; lat: number; gridCode: string }> {
  const [row] = await platform.db.query<{ lng: number; lat: number; code: string }>(
    `select ST_X(p) as lng, ST_Y(p) as lat, code
     from (select code, ST_PointOnSurface(geom) as p from grid where valid_to is null order by id offset $1 limit 1) g`,
    [offset],
  );
  return { lng: row!.lng, lat: row!.lat, gridCode: row!.code };
}

async function newReport(extra: Record<string, unknown> = {}): Promise<CreatedReport> {
  const place = await pointInGrid(3);
  const res = await postReport({ category: 'repair', description: '路灯不亮', lng: place.lng, lat: place.lat, ...extra }, newAddress());
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as CreatedReport;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A valid greyscale PNG of width × height black pixels: 400 MB once decoded, a few hundred kB
 * as sent (sharp will not create one this large, so it is written here chunk by chunk).
 */
async function pngBomb(width: number, height: number): Promise<Buffer> {
  const deflate = zlib.createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (d: Buffer) => parts.push(d));
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  const rowsAtOnce = 500; // each row: filter byte 0, then width zero pixels
  const rows = Buffer.alloc((width + 1) * rowsAtOnce);
  for (let y = 0; y < height; y += rowsAtOnce) {
    if (!deflate.write(rows)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13); // bit depth 8, colour type 0 (grey), deflate, no interlace
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', Buffer.concat(parts)), chunk('IEND', Buffer.alloc(0))]);
}

describe('report categories', () => {
  it('lists the six active categories in order, for anyone', async () => {
    const res = await platform.get('/api/report-categories');
    expect(res.status).toBe(200);
    const { categories } = (await res.json()) as { categories: ReportCategory[] };
    expect(categories.map((c) => c.id)).toEqual(['sanitation', 'repair', 'dispute', 'safety', 'party_service', 'other']);
    expect(categories[0]).toEqual({ id: 'sanitation', name: '环境卫生', acceptDays: 1, closeDays: 5 });
  });

  it('an admin changes a category (audited); new reports get its deadlines; others may not', async () => {
    const admin = await makeAccount(platform, 'admin', '320213');
    const leader = await makeAccount(platform, 'leader', '320213');
    const adminCookie = await signIn(platform, admin);
    const leaderCookie = await signIn(platform, leader);

    expect((await send(platform, 'PUT', '/api/report-categories/dispute', undefined, { closeDays: 9 })).status).toBe(401);
    const refused = await send(platform, 'PUT', '/api/report-categories/dispute', leaderCookie, { closeDays: 9 });
    expect(refused.status).toBe(403);
    const badRange = await send(platform, 'PUT', '/api/report-categories/dispute', adminCookie, { acceptDays: 3, closeDays: 2 });
    expect(badRange.status).toBe(422);
    const extra = await send(platform, 'PUT', '/api/report-categories/dispute', adminCookie, { sortOrder: 1 });
    expect(extra.status).toBe(400);
    expect((await send(platform, 'PUT', '/api/report-categories/no_such', adminCookie, { closeDays: 9 })).status).toBe(404);

    const res = await send(platform, 'PUT', '/api/report-categories/dispute', adminCookie, { acceptDays: 2, closeDays: 10 });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ id: 'dispute', name: '邻里纠纷', acceptDays: 2, closeDays: 10, active: true });
    const [audit] = await platform.db.query<{ actor: string; details: { before: unknown; after: unknown } }>(
      `select actor, details from audit_log where action = 'category.update' order by id desc limit 1`,
    );
    expect(audit).toMatchObject({ actor: admin.username, details: { before: { acceptDays: 1, closeDays: 7 }, after: { acceptDays: 2, closeDays: 10 } } });

    const place = await pointInGrid(2);
    const created = await postReport({ category: 'dispute', description: '楼上噪音', lng: place.lng, lat: place.lat }, newAddress());
    expect(created.status).toBe(201);
    const { code } = (await created.json()) as CreatedReport;
    const status = (await (await platform.get(`/api/reports/${code}`)).json()) as ReportStatus;
    expect(status.acceptDeadline).toBe(addWorkingDays(now, 2).toISOString());
    expect(status.deadline).toBe(addWorkingDays(now, 10).toISOString());

    // Retired: no longer listed nor chosen; admins still see it with all=true.
    expect((await send(platform, 'PUT', '/api/report-categories/dispute', adminCookie, { active: false })).status).toBe(200);
    const listed = (await (await platform.get('/api/report-categories')).json()) as { categories: ReportCategory[] };
    expect(listed.categories.map((c) => c.id)).not.toContain('dispute');
    const all = (await (await send(platform, 'GET', '/api/report-categories?all=true', adminCookie)).json()) as { categories: { id: string; active: boolean }[] };
    expect(all.categories.find((c) => c.id === 'dispute')?.active).toBe(false);
    const refusedReport = await postReport({ category: 'dispute', description: '楼上噪音', lng: place.lng, lat: place.lat }, newAddress());
    expect(refusedReport.status).toBe(422);
    expect(((await refusedReport.json()) as { error: { code: string } }).error.code).toBe('UNKNOWN_CATEGORY');
    expect((await send(platform, 'PUT', '/api/report-categories/dispute', adminCookie, { active: true, acceptDays: 1, closeDays: 7 })).status).toBe(200);
  });
});

describe('routing a report to its grid', () => {
  it('200 random points in the district each go to the current grid that contains them', async () => {
    const [box] = await platform.db.query<{ xmin: number; ymin: number; xmax: number; ymax: number }>(
      `select ST_XMin(geom) as xmin, ST_YMin(geom) as ymin, ST_XMax(geom) as xmax, ST_YMax(geom) as ymax
       from (select geom::box2d::geometry as geom from region where code = '320213') r`,
    );
    // Points in the district's box, kept when inside the district, with the grids containing each.
    const next = random(16);
    const candidates = Array.from({ length: 600 }, () => [box!.xmin + next() * (box!.xmax - box!.xmin), box!.ymin + next() * (box!.ymax - box!.ymin)]);
    const inside = await platform.db.query<{ i: number; lng: number; lat: number; codes: string[] }>(
      `select p.i, p.lng, p.lat,
              array(select g.code from grid g
                    where g.valid_to is null and ST_Contains(g.geom, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326))
                    order by g.id) as codes
       from unnest($1::float8[], $2::float8[]) with ordinality as p (lng, lat, i)
       join region d on d.code = '320213' and ST_Contains(d.geom, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326))
       order by p.i
       limit 200`,
      [candidates.map((c) => c[0]), candidates.map((c) => c[1])],
    );
    expect(inside).toHaveLength(200);

    const casesBefore = await count('civic_case');
    let assigned = 0;
    for (const p of inside) {
      const res = await postReport({ category: 'sanitation', description: `随机点 ${p.i}`, lng: p.lng, lat: p.lat }, newAddress());
      const body = (await res.json()) as CreatedReport & { error?: { code: string } };
      if (p.codes.length === 0) {
        expect(res.status, `point ${p.lng},${p.lat} lies in no grid`).toBe(404);
        expect(body.error?.code).toBe('OUTSIDE_GRIDS');
        continue;
      }
      expect(res.status, `point ${p.lng},${p.lat}`).toBe(201);
      expect(body.gridCode, `point ${p.lng},${p.lat}`).toBe(p.codes[0]);
      expect(body.communityCode).toBe(body.gridCode.slice(0, 12));
      assigned += 1;
    }
    expect(assigned).toBeGreaterThan(150);
    expect(await count('civic_case')).toBe(casesBefore + assigned);

    // What was stored agrees with ST_Contains too (the case's point in its grid's shape).
    const [wrong] = await platform.db.query<{ n: number }>(
      `select count(*)::integer as n from civic_case c join grid g on g.id = c.grid_id
       where c.description like '随机点 %' and not ST_Contains(g.geom, c.geom)`,
    );
    expect(wrong!.n).toBe(0);
  });

  it('a point outside the district is a clear 404 and stores nothing', async () => {
    const before = await count('civic_case');
    const res = await postReport({ category: 'repair', description: '路灯不亮', lng: 116.4, lat: 39.9 }, newAddress());
    expect(res.status).toBe(404);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('OUTSIDE_GRIDS');
    expect(error.message).toContain('该位置不在任何网格内');
    expect(await count('civic_case')).toBe(before);
  });

  it('GCJ-02 and BD-09 input lands in the same grid as the WGS84 point', async () => {
    for (const offset of [0, 5, 11]) {
      const place = await pointInGrid(offset);
      for (const crs of ['gcj02', 'bd09'] as const) {
        const [lng, lat] = fromWgs84([place.lng, place.lat], crs);
        const res = await postReport({ category: 'safety', description: `${crs} 坐标`, lng, lat, crs }, newAddress());
        expect(res.status).toBe(201);
        expect(((await res.json()) as CreatedReport).gridCode).toBe(place.gridCode);
      }
    }
  });
});

describe('a new report', () => {
  it('answers the code and grid, stores the case and its first event, and tells the feed', async () => {
    const place = await pointInGrid(1);
    const published = nextEvent((e) => e.kind === 'created' && e.gridCode === place.gridCode);
    const res = await postReport({ category: 'sanitation', description: '  垃圾满了没人清  ', lng: place.lng, lat: place.lat, phone: '13912345678' }, newAddress());
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedReport;
    expect(Object.keys(created).sort()).toEqual(['code', 'communityCode', 'gridCode', 'photosUntil', 'status', 'statusUrl']);
    expect(created.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(created).toMatchObject({ status: 'pending', gridCode: place.gridCode, statusUrl: `/report/${created.code}` });
    expect(created.photosUntil).toBe(new Date(now.getTime() + 30 * 60_000).toISOString());

    const [stored] = await platform.db.query<{ id: number; description: string; reporter_phone: string; accept_deadline: Date; close_deadline: Date; created_at: Date }>(
      'select id, description, reporter_phone, accept_deadline, close_deadline, created_at from civic_case where code = $1',
      [created.code],
    );
    expect(stored).toMatchObject({ description: '垃圾满了没人清', reporter_phone: '13912345678' });
    expect(new Date(stored!.created_at).toISOString()).toBe(now.toISOString());
    expect(new Date(stored!.accept_deadline).toISOString()).toBe(addWorkingDays(now, 1).toISOString());
    expect(new Date(stored!.close_deadline).toISOString()).toBe(addWorkingDays(now, 5).toISOString());
    const caseEvents = await platform.db.query<{ kind: string; status: string; actor: string | null; at: Date }>(
      'select kind, status, actor, at from case_event where case_id = $1',
      [stored!.id],
    );
    expect(caseEvents).toHaveLength(1);
    expect(caseEvents[0]).toMatchObject({ kind: 'created', status: 'pending', actor: null });
    expect(new Date(caseEvents[0]!.at).toISOString()).toBe(now.toISOString());

    expect(await published).toEqual({ caseId: stored!.id, code: created.code, kind: 'created', status: 'pending', gridCode: place.gridCode });
  });

  it('tracking codes are random: many codes, no two alike, not in order', async () => {
    const codes = await platform.db.query<{ code: string }>('select code from civic_case order by id');
    expect(codes.length).toBeGreaterThan(100);
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    const sorted = [...codes.map((c) => c.code)].sort();
    expect(codes.map((c) => c.code)).not.toEqual(sorted);
  });

  it('refuses bad input with 400/422 and stores nothing', async () => {
    const place = await pointInGrid(1);
    const good = { category: 'repair', description: '井盖松动', lng: place.lng, lat: place.lat };
    const before = { cases: await count('civic_case'), events: await count('case_event'), quota: await count('report_quota') };
    const cases: [string, unknown, number, string][] = [
      ['missing category', { ...good, category: undefined }, 422, 'UNKNOWN_CATEGORY'],
      ['unknown category', { ...good, category: 'weather' }, 422, 'UNKNOWN_CATEGORY'],
      ['empty description', { ...good, description: '   ' }, 400, 'BAD_REQUEST'],
      ['501 characters', { ...good, description: '灯'.repeat(501) }, 400, 'BAD_REQUEST'],
      ['bad phone', { ...good, phone: '12345' }, 400, 'BAD_REQUEST'],
      ['mobile too short', { ...good, phone: '1391234567' }, 400, 'BAD_REQUEST'],
      ['NaN lng', { ...good, lng: 'NaN' }, 400, 'BAD_REQUEST'],
      ['lng as text', { ...good, lng: String(place.lng) }, 400, 'BAD_REQUEST'],
      ['lat out of range', { ...good, lat: 91 }, 400, 'BAD_REQUEST'],
      ['unknown crs', { ...good, crs: 'epsg3857' }, 400, 'BAD_REQUEST'],
      ['extra field', { ...good, status: 'closed' }, 400, 'FIELD_NOT_ALLOWED'],
      ['extra grid', { ...good, gridCode: '320213001001001' }, 400, 'FIELD_NOT_ALLOWED'],
      ['not an object', ['repair'], 422, 'UNKNOWN_CATEGORY'],
    ];
    for (const [what, body, status, code] of cases) {
      const res = await postReport(body, newAddress());
      expect(res.status, what).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code, what).toBe(code);
    }
    const malformed = await platform.get('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"category":"repair","lng":NaN}' });
    expect(malformed.status).toBe(400);
    // 500 characters are fine, and so are a landline and an empty phone.
    expect((await postReport({ ...good, description: '灯'.repeat(500), phone: '0510-12345678' }, newAddress())).status).toBe(201);
    expect((await postReport({ ...good, phone: '' }, newAddress())).status).toBe(201);
    expect(await count('civic_case')).toBe(before.cases + 2);
    expect(await count('case_event')).toBe(before.events + 2);
    expect(await count('report_quota')).toBe(before.quota + 2);
  });

  it('the 11th report in an hour from one address is 429 with Retry-After, and stores nothing', async () => {
    const address = newAddress();
    const place = await pointInGrid(4);
    const body = { category: 'other', description: '额度测试', lng: place.lng, lat: place.lat };
    for (let i = 0; i < 10; i++) expect((await postReport(body, address)).status).toBe(201);
    const before = await count('civic_case');
    const refused = await postReport(body, address);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect(await count('civic_case')).toBe(before);
    // Another address is not held back; neither is this one once the hour has passed.
    expect((await postReport(body, newAddress())).status).toBe(201);
    now = new Date(now.getTime() + retryAfter * 1000);
    expect((await postReport(body, address)).status).toBe(201);
    // The address itself is not stored, only its keyed hash.
    const stored = await platform.db.query<{ address_hash: string }>('select address_hash from report_quota');
    expect(stored.some((r) => r.address_hash.includes(address))).toBe(false);
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.address_hash))).toBe(true);
  });

  it('two server processes on one database count an address together', async () => {
    const clientDist = fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-no-client-'));
    const otherApp = createApp({ db: platform.db, config: { ...readConfig(), trustProxy: true }, clientDist, clock: () => now });
    const other = await serveApp(otherApp, platform.db);
    try {
      const address = newAddress();
      const place = await pointInGrid(4);
      const body = { category: 'other', description: '两个进程', lng: place.lng, lat: place.lat };
      const via = (server: TestPlatform) =>
        server.get('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify(body) });
      for (let i = 0; i < 5; i++) {
        expect((await via(platform)).status).toBe(201);
        expect((await via(other)).status).toBe(201);
      }
      expect((await via(other)).status).toBe(429);
      expect((await via(platform)).status).toBe(429);
    } finally {
      await other.close();
      await closeApp(otherApp);
      fs.rmSync(clientDist, { recursive: true, force: true });
    }
  });
});

describe('photos', () => {
  const jpeg = (width = 800, height = 600) =>
    sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } }).jpeg().toBuffer();

  it('a JPEG with EXIF GPS is stored upright, re-encoded and without any EXIF', async () => {
    const report = await newReport();
    const withGps = await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 10, g: 120, b: 200 } } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({
        IFD0: { Make: 'PhoneMaker', Model: 'Phone 15' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 34/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 18/1 0/1' },
      })
      .toBuffer();
    const sent = await sharp(withGps).metadata();
    expect(sent.exif).toBeDefined();
    expect(sent.orientation).toBe(6);

    const res = await postPhoto(report.code, withGps, 'image/jpeg');
    expect(res.status, await res.clone().text()).toBe(201);
    // Orientation 6 is a quarter turn: the stored photo is upright, 400 × 600.
    expect(await res.json()).toEqual({ seq: 1, width: 400, height: 600 });
    const [row] = await platform.db.query<{ bytes: Buffer; mime: string }>(
      'select p.bytes, p.mime from case_photo p join civic_case c on c.id = p.case_id where c.code = $1',
      [report.code],
    );
    expect(row!.mime).toBe('image/jpeg');
    const stored = await sharp(Buffer.from(row!.bytes)).metadata();
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect([stored.width, stored.height]).toEqual([400, 600]);
    expect(Buffer.from(row!.bytes).includes(Buffer.from('PhoneMaker'))).toBe(false);
  });

  it('by content: a PNG sent as image/jpeg is kept as PNG, WebP becomes JPEG, a large photo is scaled to 2048', async () => {
    const report = await newReport();
    const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } }).png().toBuffer();
    expect((await postPhoto(report.code, png, 'image/jpeg')).status).toBe(201);
    const webp = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: '#336699' } }).webp().toBuffer();
    const res = await postPhoto(report.code.toLowerCase().replace(/-/g, ''), webp, 'image/webp');
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ seq: 2, width: 2048, height: 1024 });
    const rows = await platform.db.query<{ seq: number; mime: string }>(
      'select p.seq, p.mime from case_photo p join civic_case c on c.id = p.case_id where c.code = $1 order by seq',
      [report.code],
    );
    expect(rows).toEqual([{ seq: 1, mime: 'image/png' }, { seq: 2, mime: 'image/jpeg' }]);
    const status = (await (await platform.get(`/api/reports/${report.code}`)).json()) as ReportStatus;
    expect(status.photoCount).toBe(2);
  });

  it('refuses bad photos and stores nothing', async () => {
    const report = await newReport();
    const before = await count('case_photo');
    const refusals: [string, Promise<Response>, number, string][] = [
      ['text as image/png', postPhoto(report.code, 'this is not a picture at all', 'image/png'), 422, 'UNSUPPORTED_IMAGE'],
      ['an SVG', postPhoto(report.code, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', 'image/svg+xml'), 422, 'UNSUPPORTED_IMAGE'],
      ['a GIF', sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer().then((b) => postPhoto(report.code, b, 'image/gif')), 422, 'UNSUPPORTED_IMAGE'],
      ['a truncated JPEG', jpeg().then((b) => postPhoto(report.code, b.subarray(0, b.length / 2), 'image/jpeg')), 422, 'UNSUPPORTED_IMAGE'],
      ['an empty body', postPhoto(report.code, Buffer.alloc(0), 'image/jpeg'), 422, 'UNSUPPORTED_IMAGE'],
      ['no image type', jpeg().then((b) => postPhoto(report.code, b, 'application/octet-stream')), 415, 'UNSUPPORTED_IMAGE'],
      ['6 MB', postPhoto(report.code, Buffer.alloc(6 * 1024 * 1024, 1), 'image/jpeg'), 413, 'IMAGE_TOO_LARGE'],
      [
        'a 20,000 × 20,000 PNG bomb',
        pngBomb(20_000, 20_000).then((b) => postPhoto(report.code, b, 'image/png')),
        422,
        'IMAGE_TOO_LARGE',
      ],
      ['an unknown code', jpeg().then((b) => postPhoto('0000-0000-0000', b, 'image/jpeg')), 404, 'CASE_NOT_FOUND'],
    ];
    for (const [what, request, status, code] of refusals) {
      const res = await request;
      expect(res.status, what).toBe(status);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code, what).toBe(code);
      if (status === 413) expect(error.message).toContain('5 MB');
    }
    expect(await count('case_photo')).toBe(before);
  });

  it('at most three, and only within 30 minutes of the report', async () => {
    const report = await newReport();
    for (let i = 1; i <= 3; i++) expect((await postPhoto(report.code, await jpeg(), 'image/jpeg')).status).toBe(201);
    const fourth = await postPhoto(report.code, await jpeg(), 'image/jpeg');
    expect(fourth.status).toBe(422);
    expect(((await fourth.json()) as { error: { code: string } }).error.code).toBe('TOO_MANY_PHOTOS');

    const late = await newReport();
    const before = await count('case_photo');
    now = new Date(now.getTime() + 31 * 60_000);
    const res = await postPhoto(late.code, await jpeg(), 'image/jpeg');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PHOTO_WINDOW_CLOSED');
    expect(await count('case_photo')).toBe(before);
  });
});

describe('status by tracking code', () => {
  it('carries exactly the contract fields, nothing personal', async () => {
    const report = await newReport({ phone: '13800000001', description: '私密描述文字' });
    const res = await platform.get(`/api/reports/${report.code}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const status = JSON.parse(text) as ReportStatus;
    expect(Object.keys(status).sort()).toEqual(
      ['acceptDeadline', 'canRate', 'category', 'categoryName', 'code', 'communityName', 'createdAt', 'deadline', 'gridCode', 'gridLeader', 'gridName', 'photoCount', 'rating', 'status', 'timeline'].sort(),
    );
    expect(status).toMatchObject({ code: report.code, category: 'repair', categoryName: '设施维修', status: 'pending', gridCode: report.gridCode, rating: null, canRate: false, photoCount: 0 });
    expect(status.timeline).toEqual([{ status: 'pending', at: now.toISOString() }]);
    expect(text).not.toContain('13800000001');
    expect(text).not.toContain('私密描述文字');
  });

  it('unknown codes are 404; lower case and no dashes work', async () => {
    const report = await newReport();
    for (const unknown of ['0000-0000-0000', 'ZZZZ-ZZZZ-ZZZZ', 'abc', '%20', 'x'.repeat(300)]) {
      const res = await platform.get(`/api/reports/${encodeURIComponent(unknown)}`);
      expect(res.status, unknown).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CASE_NOT_FOUND');
    }
    for (const typed of [report.code.toLowerCase(), report.code.replace(/-/g, ''), report.code.toLowerCase().replace(/-/g, ' ')]) {
      const res = await platform.get(`/api/reports/${encodeURIComponent(typed)}`);
      expect(res.status, typed).toBe(200);
      expect(((await res.json()) as ReportStatus).code).toBe(report.code);
    }
  });

  it('the timeline has a step for each change of status, without notes or actors', async () => {
    const report = await newReport();
    const [c] = await platform.db.query<{ id: number; grid_id: number }>('select id, grid_id from civic_case where code = $1', [report.code]);
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    await platform.db.query(
      `insert into case_event (case_id, at, kind, status, grid_id, actor, note) values
        ($1, $3, 'accepted', 'accepted', $2, 'worker_a', '内部备注甲'),
        ($1, $4, 'note', 'accepted', $2, 'worker_a', '内部备注乙'),
        ($1, $5, 'started', 'in_progress', $2, 'worker_a', null)`,
      [c!.id, c!.grid_id, at(10), at(20), at(30)],
    );
    await platform.db.query(`update civic_case set status = 'in_progress' where id = $1`, [c!.id]);
    const res = await platform.get(`/api/reports/${report.code}`);
    const text = await res.text();
    expect((JSON.parse(text) as ReportStatus).timeline).toEqual([
      { status: 'pending', at: now.toISOString() },
      { status: 'accepted', at: at(10).toISOString() },
      { status: 'in_progress', at: at(30).toISOString() },
    ]);
    expect(text).not.toContain('内部备注');
    expect(text).not.toContain('worker_a');
  });
});

describe('rating', () => {
  it('only once the case is closed, and only once', async () => {
    const report = await newReport();
    const rate = (body: unknown) => send(platform, 'POST', `/api/reports/${report.code.toLowerCase()}/rating`, undefined, body);

    const early = await rate({ rating: 'satisfied' });
    expect(early.status).toBe(422);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('NOT_CLOSED');

    // The grid's worker accepts and closes it through the staff API.
    const worker = await makeGridWorker(platform, [report.gridCode]);
    const cookie = await signIn(platform, worker);
    const [c] = await platform.db.query<{ id: number }>('select id from civic_case where code = $1', [report.code]);
    const act = async (action: string, version: number, note?: string) => {
      const res = await send(platform, 'POST', `/api/cases/${c!.id}/actions`, cookie, { action, version, ...(note ? { note } : {}) });
      expect(res.status, `${action}: ${await res.clone().text()}`).toBe(200);
      return ((await res.json()) as { version: number }).version;
    };
    const closedVersion = await act('close', await act('accept', 1), '已更换灯泡');
    expect((await platform.get(`/api/reports/${report.code}`).then((r) => r.json()) as ReportStatus).canRate).toBe(true);
    expect((await rate({ rating: 'great' })).status).toBe(400);
    expect((await rate({ rating: 'satisfied', comment: '好'.repeat(201) })).status).toBe(400);
    expect((await rate({ rating: 'satisfied', actor: 'x' })).status).toBe(400);

    const published = nextEvent((e) => e.code === report.code && e.kind === 'rated');
    const res = await rate({ rating: 'basically_satisfied', comment: '处理及时' });
    expect(res.status).toBe(200);
    const status = (await res.json()) as ReportStatus;
    expect(status).toMatchObject({ status: 'rated', rating: 'basically_satisfied', canRate: false });
    expect(status.timeline.map((step) => step.status)).toEqual(['pending', 'accepted', 'closed', 'rated']);
    const [event] = await platform.db.query<{ actor: string | null; details: unknown }>(
      `select e.actor, e.details from case_event e join civic_case c on c.id = e.case_id where c.code = $1 and e.kind = 'rated'`,
      [report.code],
    );
    expect(event).toEqual({ actor: null, details: { rating: 'basically_satisfied' } });
    expect(await published).toMatchObject({ kind: 'rated', status: 'rated', gridCode: report.gridCode });

    const again = await rate({ rating: 'dissatisfied' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('ALREADY_RATED');
    const [stored] = await platform.db.query<{ rating: string; version: number }>('select rating, version from civic_case where code = $1', [report.code]);
    expect(stored).toEqual({ rating: 'basically_satisfied', version: closedVersion + 1 });

    const unknown = await send(platform, 'POST', '/api/reports/0000-0000-0000/rating', undefined, { rating: 'satisfied' });
    expect(unknown.status).toBe(404);
  });
});
