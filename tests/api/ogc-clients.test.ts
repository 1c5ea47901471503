import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, MultiPolygon, Position } from 'geojson';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// GDAL, PROJ and OWSLib as Debian ships them (gdal-bin, proj-bin, python3-owslib; .ci/run installs
// them): these tests read /ogc the way GIS staff do, and are skipped where the tools are missing.
const hasGdal = fs.existsSync('/usr/bin/ogrinfo');
const hasProj = fs.existsSync('/usr/bin/cs2cs');
const hasOwslib = fs.existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', 'import owslib.ogcapi.features']).status === 0;

const run = promisify(execFile);
const MB = 1024 * 1024;
const EPSG_4549 = 'http://www.opengis.net/def/crs/EPSG/0/4549';

let platform: TestPlatform;
let source: string;
/** What GDAL needs to page by the server's maximum: nothing from 3.8 on, which reads it from /ogc/api. */
let pageSize: string[];

beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
  source = `OAPIF:${platform.url}/ogc`;
  if (hasGdal) {
    const api = (await (await fetch(`${platform.url}/ogc/api`)).json()) as {
      components: { parameters: { limit: { schema: { maximum: number } } } };
    };
    const { stdout } = await run('ogrinfo', ['--version']);
    const [major, minor] = /GDAL (\d+)\.(\d+)/.exec(stdout)!.slice(1).map(Number) as [number, number];
    // GDAL 3.6 (Debian 12) always asks for 10 features a page unless told the page size.
    pageSize = major > 3 || (major === 3 && minor >= 8) ? [] : ['-oo', `PAGE_SIZE=${api.components.parameters.limit.schema.maximum}`];
  }
});
afterAll(() => platform.close());

/** ogrinfo with GDAL's debug log on: stdout, and every HTTP request it made (from stderr). */
async function ogrinfo(args: string[]): Promise<{ stdout: string; log: string; fetched: string[] }> {
  const { stdout, stderr } = await run('ogrinfo', ['-ro', ...args], { env: { ...process.env, CPL_DEBUG: 'ON' }, maxBuffer: 64 * MB });
  const fetched = [...stderr.matchAll(/HTTP: Fetch\((.*)\)/g)].map((m) => m[1]!);
  return { stdout, log: stdout + stderr, fetched };
}

const errorLines = (log: string) => log.split('\n').filter((l) => /ERROR/.test(l));

describe.skipIf(!hasGdal)('GDAL reads /ogc (OAPIF driver)', () => {
  it('lists the three layers without an error', async () => {
    const { stdout, log } = await ogrinfo([source]);
    expect(stdout).toMatch(/1: regions .*Multi Polygon/);
    expect(stdout).toMatch(/2: grids .*Multi Polygon/);
    expect(stdout).toMatch(/3: facilities .*Point/);
    expect(errorLines(log)).toEqual([]);
  });

  it('fetches all 943 grids in at most 2 item requests', async () => {
    const { stdout, log, fetched } = await ogrinfo(['-al', '-q', '-geom=NO', ...pageSize, source, 'grids']);
    expect(stdout.match(/^OGRFeature\(grids\):/gm)).toHaveLength(943);
    const itemRequests = fetched.filter((url) => url.includes('/collections/grids/items'));
    expect(itemRequests.length, itemRequests.join('\n')).toBeLessThanOrEqual(2);
    expect(errorLines(log)).toEqual([]);
  });

  it('sends -where on a queryable to the server and gets exactly that community’s grids', async () => {
    const [community] = await platform.db.query<{ code: string; n: number }>(
      `select community_code as code, count(*)::integer as n from grid where valid_to is null group by 1 order by 2, 1 limit 1 offset 3`,
    );
    const { code, n } = community!;
    const { stdout, log, fetched } = await ogrinfo(['-al', '-q', '-geom=NO', ...pageSize, '-where', `communityCode='${code}'`, source, 'grids']);
    expect(fetched.some((url) => url.includes('/collections/grids/items?') && url.includes(`communityCode=${code}`)), fetched.join('\n')).toBe(true);
    expect(stdout.match(/^OGRFeature\(grids\):/gm)).toHaveLength(n);
    const codes = [...stdout.matchAll(/^\s+communityCode \(String\) = (\S+)/gm)].map((m) => m[1]);
    expect(codes).toEqual(Array<string>(n).fill(code));
    expect(errorLines(log)).toEqual([]);
  });

  it.skipIf(!hasProj)('gives the same EPSG:4549 coordinates as the server’s crs= and as PROJ’s cs2cs, within 1 cm', async () => {
    const [grid] = await platform.db.query<{ id: number; code: string }>(`select id, code from grid where valid_to is null order by id limit 1 offset 17`);
    // GDAL reprojects the server's CRS84 features itself (x easting, y northing)…
    const { stdout } = await run(
      'ogr2ogr',
      ['-f', 'GeoJSON', '/vsistdout/', ...pageSize, '-where', `code='${grid!.code}'`, '-t_srs', 'EPSG:4549', '-lco', 'RFC7946=NO', '-lco', 'COORDINATE_PRECISION=4', source, 'grids'],
      { maxBuffer: 16 * MB },
    );
    const byGdal = (JSON.parse(stdout) as { features: Feature<MultiPolygon>[] }).features[0]!.geometry.coordinates.flat(2);
    // …the server answers crs=EPSG:4549 in EPSG's axis order (northing, easting)…
    const served = await fetch(`${platform.url}/ogc/collections/grids/items/${grid!.id}?crs=${encodeURIComponent(EPSG_4549)}`);
    expect(served.headers.get('content-crs')).toBe(`<${EPSG_4549}>`);
    const byServer = ((await served.json()) as Feature<MultiPolygon>).geometry.coordinates.flat(2);
    // …and cs2cs takes latitude, longitude and gives northing, easting, from the CRS84 vertices.
    const plain = (await (await fetch(`${platform.url}/ogc/collections/grids/items/${grid!.id}`)).json()) as Feature<MultiPolygon>;
    const lonLat = plain.geometry.coordinates.flat(2);
    const byProj = await cs2cs(lonLat.map(([lon, lat]) => `${lat} ${lon}`).join('\n'));

    expect(byServer).toHaveLength(lonLat.length);
    expect(byGdal).toHaveLength(lonLat.length);
    byServer.forEach(([north, east], i) => {
      const [gdalEast, gdalNorth] = byGdal[i]!;
      const [projNorth, projEast] = byProj[i]!;
      expect(Math.hypot(north! - projNorth!, east! - projEast!), `vertex ${i} vs cs2cs`).toBeLessThan(0.01);
      expect(Math.hypot(north! - gdalNorth!, east! - gdalEast!), `vertex ${i} vs ogr2ogr`).toBeLessThan(0.01);
    });
  });
});

/** PROJ's cs2cs from EPSG:4326 (latitude, longitude) to EPSG:4549 (northing, easting), one point a line. */
function cs2cs(input: string): Promise<Position[]> {
  return new Promise((resolve, reject) => {
    const child = execFile('cs2cs', ['-f', '%.4f', 'EPSG:4326', 'EPSG:4549'], (err, stdout) => {
      if (err) reject(err);
      else resolve(stdout.trim().split('\n').map((line) => line.split(/\s+/).slice(0, 2).map(Number)));
    });
    child.stdin!.end(`${input}\n`);
  });
}

describe.skipIf(!hasOwslib)('OWSLib reads /ogc', () => {
  it('reads the API definition, the conformance classes and items in a bbox', async () => {
    const script = `
import json, sys
from owslib.ogcapi.features import Features
api = Features(sys.argv[1])
doc = api.api()
conformance = api.conformance()
items = api.collection_items('grids', bbox=[120.28, 31.56, 120.30, 31.58], limit=1000)
print(json.dumps({'openapi': doc['openapi'], 'conformsTo': conformance['conformsTo'],
                  'matched': items['numberMatched'], 'returned': len(items['features'])}))
`;
    // OWSLib joins paths onto the URL as a directory: the trailing slash matters.
    const { stdout } = await run('/usr/bin/python3', ['-c', script, `${platform.url}/ogc/`]);
    const got = JSON.parse(stdout) as { openapi: string; conformsTo: string[]; matched: number; returned: number };
    expect(got.openapi).toMatch(/^3\.0\./);
    expect(got.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30');
    const [inBox] = await platform.db.query<{ n: number }>(
      `select count(*)::integer as n from grid where valid_to is null and ST_Intersects(geom, ST_MakeEnvelope(120.28, 31.56, 120.30, 31.58, 4326))`,
    );
    expect(got.matched).toBe(inBox!.n);
    expect(got.returned).toBe(inBox!.n);
  });
});
