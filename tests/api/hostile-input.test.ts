import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LineString, Polygon } from 'geojson';
import JSZip from 'jszip';
import type { ImportReport } from '../../server/src/imports/import-types.ts';
import { makeAccount, send, signIn } from '../support/accounts.ts';
import { fixtureBytes } from '../support/import-fixtures.ts';
import { makeCommunity, type TestCommunity } from '../support/test-community.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { writeZip } from '../support/zip-writer.ts';

// Hostile requests (tests/fixtures/hostile/*.json, see the README there): each is answered with a
// 4xx and a JSON error, stores nothing, and leaves the server answering.

interface HostileRequest {
  name: string;
  as: 'anonymous' | 'planner' | 'admin';
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** A JSON body; strings that are exactly a placeholder become its value. */
  body?: unknown;
  /** A body sent as written (after placeholders), e.g. malformed JSON. */
  rawBody?: string;
  /** An import file's text (after placeholders), sent as application/octet-stream. */
  fileText?: string;
  status: number;
  code: string;
  /** Text the error must contain: the message, or for an import refused for its problems, the problems. */
  mentions?: string | string[];
}

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const CORPUS_DIR = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));
const corpus = fs
  .readdirSync(CORPUS_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, requests: JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, file), 'utf8')) as HostileRequest[] }));

let platform: TestPlatform;
let cookies: Record<HostileRequest['as'], string | undefined>;

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  cookies = {
    anonymous: undefined,
    planner: await signIn(platform, await makeAccount(platform, 'planner', '320213')),
    admin: await signIn(platform, await makeAccount(platform, 'admin', '320213')),
  };
});
afterAll(() => platform.close());

/** A community of its own with one grid on its west half and one station in it. */
async function makeScene() {
  const c = await makeCommunity(platform);
  const created = await send(platform, 'POST', '/api/grids', cookies.planner, {
    type: 'Feature', geometry: c.rect(0, 0, 0.5, 1), properties: { name: '对抗测试网格', communityCode: c.code }, note: '新建网格',
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const grid = ((await created.json()) as { feature: { properties: { id: number } } }).feature.properties.id;
  const station = await send(platform, 'POST', '/api/facilities', cookies.planner, {
    type: 'Feature', geometry: { type: 'Point', coordinates: c.at(0.25, 0.5) }, properties: { name: '对抗测试服务站', kind: 'station' },
  });
  expect(station.status, await station.clone().text()).toBe(201);
  const facility = ((await station.json()) as { id: number }).id;
  return { c, grid, facility };
}

type Scene = Awaited<ReturnType<typeof makeScene>>;

/** The values placeholders stand for: `"{{name}}"` in a JSON body, `{{name}}` in text. */
function placeholders({ c, grid, facility }: Scene): Record<string, unknown> {
  const [lng, lat] = c.at(0.75, 0.5);
  return {
    community: c.code,
    grid,
    facility,
    lng,
    lat,
    point: [lng, lat],
    freeRect: c.rect(0.5, 0, 1, 1),
    splitLine: { type: 'LineString', coordinates: [c.at(0.25, -0.1), c.at(0.25, 1.1)] } satisfies LineString,
    manyVertices: polygonOfVertices(c, 6000),
    manyRings: { type: 'Polygon', coordinates: Array.from({ length: 50_000 }, () => [c.at(0.75, 0.5)]) },
    deep: '['.repeat(10_000) + ']'.repeat(10_000),
    long: 'a'.repeat(10_000),
  };
}

/** A valid ring of n vertices (a circle) in the community's free east half. */
function polygonOfVertices(c: TestCommunity, n: number): Polygon {
  const ring = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    return c.at(0.75 + 0.2 * Math.cos(a), 0.5 + 0.4 * Math.sin(a));
  });
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

function fillText(text: string, values: Record<string, unknown>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    if (!(key in values)) throw new Error(`unknown placeholder ${whole}`);
    const value = values[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  });
}

function fillJson(value: unknown, values: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const exact = /^\{\{(\w+)\}\}$/.exec(value);
    return exact && exact[1]! in values ? values[exact[1]!] : fillText(value, values);
  }
  if (Array.isArray(value)) return value.map((v) => fillJson(v, values));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillJson(v, values)]));
  }
  return value;
}

function hostileRequest(r: HostileRequest, scene: Scene): Promise<Response> {
  const values = placeholders(scene);
  const headers: Record<string, string> = { ...r.headers };
  const cookie = cookies[r.as];
  if (cookie) headers.cookie = cookie;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (r.fileText !== undefined) {
    headers['content-type'] ??= 'application/octet-stream';
    body = new TextEncoder().encode(fillText(r.fileText, values));
  } else if (r.rawBody !== undefined) {
    body = fillText(r.rawBody, values);
  } else if (r.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(fillJson(r.body, values));
  }
  return platform.get(fillText(r.path, values), { method: r.method, headers, ...(body !== undefined ? { body } : {}) });
}

/** What a hostile request must not change: the scene's rows and the size of every table it could write. */
async function storedState({ c, facility }: Scene) {
  const [counts] = await platform.db.query(
    `select (select count(*) from grid)::integer as grids,
            (select count(*) from grid_version)::integer as grid_versions,
            (select count(*) from facility)::integer as facilities,
            (select count(*) from member)::integer as members,
            (select count(*) from app_user)::integer as accounts,
            (select count(*) from audit_log)::integer as audit_entries`,
  );
  const grids = await platform.db.query(
    `select id, code, name, version, leader_name, valid_to is null as current, ST_AsText(geom) as geom
     from grid where community_code = $1 order by id`,
    [c.code],
  );
  const facilities = await platform.db.query(
    'select id, name, kind, address, services, public, ST_AsText(geom) as geom from facility where id = $1',
    [facility],
  );
  return { counts, grids, facilities };
}

async function expectHealthy(): Promise<void> {
  const res = await platform.get('/api/health');
  expect(res.status).toBe(200);
}

for (const { file, requests } of corpus) {
  describe(file, () => {
    it.each(requests.map((r) => [r.name, r] as const))('%s', async (_name, r) => {
      const scene = await makeScene();
      const before = await storedState(scene);

      const res = await hostileRequest(r, scene);
      const text = await res.text();
      expect(res.status, text.slice(0, 500)).toBe(r.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = JSON.parse(text) as ErrorBody;
      expect(body.error.code, text.slice(0, 500)).toBe(r.code);
      expect(typeof body.error.message).toBe('string');
      const told = body.error.code === 'IMPORT_HAS_PROBLEMS' ? JSON.stringify((body.error.details as ImportReport).problems) : body.error.message;
      for (const mention of [r.mentions ?? []].flat()) expect(told).toContain(mention);

      expect(await storedState(scene)).toEqual(before);
      await expectHealthy();
    });
  });
}

describe('a position with a height (a third number) is accepted and the height dropped', () => {
  const withHeight = (p: Polygon): Polygon => ({ type: 'Polygon', coordinates: p.coordinates.map((ring) => ring.map(([x, y]) => [x!, y!, 12.5])) });

  it('in a grid preview, create, reshape and split line; every stored shape has two dimensions', async () => {
    const c = await makeCommunity(platform);
    const preview = await send(platform, 'POST', '/api/grids/preview', cookies.planner, {
      type: 'Feature', geometry: withHeight(c.rect(0, 0, 0.5, 1)), properties: { communityCode: c.code },
    });
    expect(preview.status, await preview.clone().text()).toBe(200);
    expect(((await preview.json()) as { valid: boolean }).valid).toBe(true);

    const created = await send(platform, 'POST', '/api/grids', cookies.planner, {
      type: 'Feature', geometry: withHeight(c.rect(0, 0, 0.5, 1)), properties: { name: '带高程网格', communityCode: c.code }, note: '新建网格',
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = ((await created.json()) as { feature: { properties: { id: number } } }).feature.properties;

    const reshaped = await send(platform, 'PUT', `/api/grids/${id}`, cookies.planner, {
      type: 'Feature', geometry: withHeight(c.rect(0, 0, 0.6, 1)), properties: { version: 1 }, note: '调整边界',
    });
    expect(reshaped.status, await reshaped.clone().text()).toBe(200);

    const split = await send(platform, 'POST', `/api/grids/${id}/split`, cookies.planner, {
      line: { type: 'LineString', coordinates: [[...c.at(0.2, -0.1), 3], [...c.at(0.2, 1.1), 3]] }, note: '拆分网格', version: 2,
    });
    expect(split.status, await split.clone().text()).toBe(201);

    const stored = await platform.db.query<{ dims: number }>(
      `select ST_NDims(geom) as dims from grid where community_code = $1
       union all
       select ST_NDims(v.geom) from grid_version v join grid g on g.id = v.grid_id where g.community_code = $1`,
      [c.code],
    );
    expect(stored.length).toBe(2 + 4); // two grids; versions 1–3 of the first and 1 of the new one
    expect(stored.every((r) => r.dims === 2)).toBe(true);
  });

  it('in a station; it is stored in two dimensions at the given place', async () => {
    const c = await makeCommunity(platform);
    const [lng, lat] = c.at(0.5, 0.5);
    const res = await send(platform, 'POST', '/api/facilities', cookies.planner, {
      type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat, 8] }, properties: { name: '带高程服务站', kind: 'station' },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const [row] = await platform.db.query<{ dims: number; x: number; y: number }>(
      'select ST_NDims(geom) as dims, ST_X(geom) as x, ST_Y(geom) as y from facility where id = $1',
      [id],
    );
    expect(row).toEqual({ dims: 2, x: lng, y: lat });
  });
});

describe('a long cell in an import', () => {
  it('a CSV with cells of 200 KB of spaces between two words gets its report, and the server answers meanwhile', async () => {
    const c = await makeCommunity(platform);
    const [lng, lat] = c.at(0.5, 0.5);
    const csv = `名称,类型,地址,经度,纬度\n长单元格测试站,党群${' '.repeat(200_000)}超市,测试路${' '.repeat(200_000)}1号,${lng},${lat}\n`;
    const counts = 'select (select count(*) from facility)::integer as facilities, (select count(*) from audit_log)::integer as audit_entries';
    const before = await platform.db.query(counts);
    const importing = platform.get('/api/imports/facilities?fileName=long-cell.csv', {
      method: 'POST',
      headers: { cookie: cookies.planner!, 'content-type': 'application/octet-stream' },
      body: csv,
    });
    await expectHealthy();
    const res = await importing;
    expect(res.status, (await res.clone().text()).slice(0, 500)).toBe(200);
    const report = (await res.json()) as ImportReport;
    expect(report).toMatchObject({ total: 1, create: 0, committed: false });
    const problems = Object.fromEntries(report.problems.map((p) => [p.field, p]));
    expect(report.problems).toHaveLength(2);
    expect(problems['类型']).toMatchObject({ row: 2, code: 'BAD_VALUE' });
    expect(problems['地址']).toMatchObject({ row: 2, code: 'BAD_VALUE', message: expect.stringContaining('200') });
    // The problems quote the start of a cell, not all of it.
    expect(report.problems.every((p) => p.message.length < 500)).toBe(true);
    expect(await platform.db.query(counts)).toEqual(before);
  });
});

describe('a workbook that unpacks far beyond its size', () => {
  it('an .xlsx of a few hundred KB holding 80 MB of sheet is refused unread, and the server answers meanwhile', async () => {
    const workbook = await JSZip.loadAsync(fixtureBytes('facilities.xlsx'));
    const entries = await Promise.all(
      Object.values(workbook.files).filter((f) => !f.dir).map(async (f) => ({ name: f.name, data: await f.async('nodebuffer') })),
    );
    const sheet = entries.find((e) => /sheet1\.xml$/.test(e.name))!;
    const at = sheet.data.indexOf('<sheetData>') + '<sheetData>'.length;
    sheet.data = Buffer.concat([sheet.data.subarray(0, at), Buffer.alloc(80 * 1024 * 1024, 0x20), sheet.data.subarray(at)]);
    const file = writeZip(entries);
    expect(file.byteLength).toBeLessThan(1024 * 1024);

    const counts = 'select (select count(*) from facility)::integer as facilities, (select count(*) from audit_log)::integer as audit_entries';
    const before = await platform.db.query(counts);
    const importing = platform.get('/api/imports/facilities?fileName=big.xlsx&mode=commit', {
      method: 'POST',
      headers: { cookie: cookies.planner!, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(file),
    });
    await expectHealthy();
    const res = await importing;
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('UNREADABLE_FILE');
    expect(body.error.message).toContain('64 MB');
    expect(await platform.db.query(counts)).toEqual(before);
  });
});
