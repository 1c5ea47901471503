import SwaggerParser from '@apidevtools/swagger-parser';
import { booleanClockwise } from '@turf/turf';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, MultiPolygon, Point, Position } from 'geojson';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

interface Link {
  rel: string;
  href: string;
  type: string;
}
interface Page {
  type: string;
  numberMatched: number;
  numberReturned: number;
  links: Link[];
  features: Feature[];
}
interface ErrorBody {
  error: { code: string; message: string; details: { fields: { field: string }[] } };
}
interface ApiParameter {
  name: string;
  in: string;
  schema: { minimum?: number; maximum?: number; default?: number };
}

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const epsg = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`;
const CGCS2000_GK_120 = '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ rateLimitPerMinute: 100_000 });
});
afterAll(() => platform.close());

async function json<T>(url: string): Promise<{ body: T; type: string | null; crs: string | null }> {
  const res = await fetch(url.startsWith('http') ? url : platform.url + url);
  expect(res.status, url).toBe(200);
  return { body: (await res.json()) as T, type: res.headers.get('content-type'), crs: res.headers.get('content-crs') };
}

async function refused(url: string): Promise<string[]> {
  const res = await platform.get(url);
  expect(res.status, url).toBe(400);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.code).toBe('BAD_REQUEST');
  return body.error.details.fields.map((f) => f.field);
}

/** A public station of this test's own at a known place. */
async function station(name: string, lng: number, lat: number): Promise<number> {
  const [row] = await platform.db.query<{ id: number }>(
    `insert into facility (name, kind, geom) values ($1, 'station', ST_SetSRID(ST_MakePoint($2, $3), 4326)) returning id`,
    [name, lng, lat],
  );
  return row!.id;
}

describe('OGC API – Features: landing page, API definition, conformance', () => {
  it('links its OpenAPI 3.0 definition (service-desc) and documentation page (service-doc)', async () => {
    const { body } = await json<{ links: Link[] }>('/ogc');
    expect(body.links.map((l) => l.rel)).toEqual(expect.arrayContaining(['self', 'conformance', 'data', 'service-desc', 'service-doc']));
    const desc = body.links.find((l) => l.rel === 'service-desc')!;
    expect(desc.type).toBe('application/vnd.oai.openapi+json;version=3.0');
    const res = await fetch(desc.href);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.oai.openapi+json;version=3.0');

    const doc = body.links.find((l) => l.rel === 'service-doc')!;
    const page = await fetch(doc.href);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('/collections/grids/items');
    expect(html).toContain('communityCode');
    expect(html).not.toMatch(/<script/i);
  });

  it('serves an OpenAPI document that validates and declares the real limits and filters', async () => {
    const { body } = await json<Record<string, unknown>>('/ogc/api');
    // validate() dereferences in place: keep the document as served for the checks below.
    await expect(SwaggerParser.validate(structuredClone(body) as never)).resolves.toBeTruthy();
    const api = (await SwaggerParser.dereference(body as never)) as unknown as {
      servers: { url: string }[];
      paths: Record<string, { get: { parameters?: ApiParameter[] } }>;
    };
    expect(api.servers[0]!.url).toBe(`${platform.url}/ogc`);
    const params = api.paths['/collections/grids/items']!.get.parameters!;
    const limit = params.find((p) => p.name === 'limit')!;
    expect(limit.schema).toMatchObject({ minimum: 1, maximum: 1000, default: 100 });
    expect(params.map((p) => p.name)).toEqual(expect.arrayContaining(['offset', 'bbox', 'bbox-crs', 'crs', 'communityCode', 'code', 'name']));
    expect(api.paths['/collections/regions/items']!.get.parameters!.map((p) => p.name)).toContain('level');
  });

  it('names the conformance classes it implements', async () => {
    const { body } = await json<{ conformsTo: string[] }>('/ogc/conformance');
    expect(body.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
        'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
      ]),
    );
  });

  it('describes three collections with extents, their CRSs and storage CRS', async () => {
    interface Described {
      id: string;
      crs: string[];
      storageCrs: string;
      extent: { spatial: { bbox: number[][] } };
      links: Link[];
    }
    const { body } = await json<{ crs: string[]; collections: Described[] }>('/ogc/collections');
    expect(body.collections.map((c) => c.id)).toEqual(['regions', 'grids', 'facilities']);
    const crs = [CRS84, epsg(4326), epsg(4490), epsg(3857), epsg(4549)];
    expect(body.crs).toEqual(expect.arrayContaining(crs));
    for (const c of body.collections) {
      expect(c.crs).toEqual(expect.arrayContaining(crs));
      expect(c.storageCrs).toBe(CRS84);
    }
    const [minx, miny, maxx, maxy] = body.collections[1]!.extent.spatial.bbox[0]!;
    expect(minx! < 120.3 && maxx! > 120.3 && miny! < 31.58 && maxy! > 31.58).toBe(true);
    const one = await json<Described>('/ogc/collections/grids');
    expect(one.body.storageCrs).toBe(CRS84);
    expect(one.body.links.find((l) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/queryables')?.type).toBe('application/schema+json');
  });
});

describe('OGC API – Features: items', () => {
  it('pages through every feature exactly once, as GeoJSON, with self, collection, next and prev links', async () => {
    const seen: (string | number)[] = [];
    let url: string | undefined = '/ogc/collections/grids/items?limit=250';
    let pages = 0;
    while (url) {
      const { body, type, crs }: { body: Page; type: string | null; crs: string | null } = await json<Page>(url);
      expect(type).toMatch(/^application\/geo\+json/);
      expect(crs).toBe(`<${CRS84}>`);
      expect(body.numberReturned).toBe(body.features.length);
      expect(body.numberMatched).toBe(943);
      const rels = body.links.map((l) => l.rel);
      expect(rels).toEqual(expect.arrayContaining(['self', 'collection']));
      expect(rels.includes('prev')).toBe(pages > 0);
      seen.push(...body.features.map((f) => f.id!));
      url = body.links.find((l) => l.rel === 'next')?.href;
      pages++;
    }
    expect(pages).toBe(4);
    expect(seen).toHaveLength(943);
    expect(new Set(seen).size).toBe(943);
  });

  it('takes a limit above the maximum as the maximum', async () => {
    for (const limit of ['5000', '99999999999']) {
      const { body } = await json<Page>(`/ogc/collections/regions/items?limit=${limit}`);
      expect(body.features).toHaveLength(169);
      expect(new URL(body.links.find((l) => l.rel === 'self')!.href).searchParams.get('limit')).toBe('1000');
    }
  });

  it('filters by a 4- or 6-number bbox and by a bbox across the antimeridian', async () => {
    const four = await json<Page>('/ogc/collections/facilities/items?bbox=120.28,31.56,120.30,31.58&limit=1000');
    expect(four.body.numberMatched).toBeGreaterThan(0);
    expect(four.body.numberMatched).toBeLessThan(180);
    const six = await json<Page>('/ogc/collections/facilities/items?bbox=120.28,31.56,-10,120.30,31.58,100&limit=1000');
    expect(six.body.features.map((f) => f.id)).toEqual(four.body.features.map((f) => f.id));

    const east = await json<Page>('/ogc/collections/grids/items?bbox=100,31,180,32&limit=1');
    expect(east.body.numberMatched).toBe(943);
    // West edge 100°E, east edge 170°W: the box goes east across 180°, over Wuxi.
    const across = await json<Page>('/ogc/collections/grids/items?bbox=100,31,-170,32&limit=1');
    expect(across.body.numberMatched).toBe(943);
    const pacific = await json<Page>('/ogc/collections/grids/items?bbox=170,31,-170,32');
    expect(pacific.body.numberMatched).toBe(0);
  });

  it('carries bbox, crs and filters into the next link', async () => {
    const crs = epsg(3857);
    const { body } = await json<Page>(`/ogc/collections/grids/items?bbox=120.2,31.5,120.4,31.7&crs=${encodeURIComponent(crs)}&limit=5`);
    const next = new URL(body.links.find((l) => l.rel === 'next')!.href).searchParams;
    expect(next.get('bbox')).toBe('120.2,31.5,120.4,31.7');
    expect(next.get('crs')).toBe(crs);
    expect(next.get('offset')).toBe('5');
  });

  it.each([
    ['?foo=bar', 'foo'],
    ['?limit=0', 'limit'],
    ['?limit=-5', 'limit'],
    ['?limit=', 'limit'],
    ['?limit=NaN', 'limit'],
    ['?limit=Infinity', 'limit'],
    ['?limit=1.5', 'limit'],
    ['?limit=0x10', 'limit'],
    ['?limit=1&limit=2', 'limit'],
    ['?offset=-1', 'offset'],
    ['?offset=', 'offset'],
    ['?bbox=1,2,3', 'bbox'],
    ['?bbox=1,2,3,4,5', 'bbox'],
    ['?bbox=120,31,NaN,32', 'bbox'],
    ['?bbox=120,31,Infinity,32', 'bbox'],
    ['?bbox=', 'bbox'],
    ['?bbox=0x78,31,121,32', 'bbox'],
    ['?bbox=120,95,121,96', 'bbox'],
    ['?bbox=120,32,121,31', 'bbox'],
    ['?bbox=0,0,1,1&bbox-crs=EPSG:4326', 'bbox-crs'],
    ['?crs=http://www.opengis.net/def/crs/EPSG/0/2000', 'crs'],
    ['?bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326', 'bbox-crs'],
    ['?communityCode=', 'communityCode'],
    ['?households=many', 'households'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    expect(await refused(`/ogc/collections/grids/items${query}`)).toContain(field);
  });

  it('refuses an unknown parameter on every endpoint, and a filter the collection does not have', async () => {
    for (const url of ['/ogc?foo=1', '/ogc/api?foo=1', '/ogc/conformance?foo=1', '/ogc/collections?foo=1', '/ogc/collections/grids/queryables?foo=1', '/ogc/collections/grids/items/1?foo=1']) {
      expect(await refused(url)).toEqual(['foo']);
    }
    expect(await refused('/ogc/collections/regions/items?communityCode=320213021001')).toEqual(['communityCode']);
    expect(await refused('/ogc/collections/regions/items?level=planet')).toEqual(['level']);
  });

  it('takes f=json, the encoding many clients name, and refuses any other encoding', async () => {
    const { body } = await json<Page>('/ogc/collections/grids/items?f=json&limit=2');
    expect(body.features).toHaveLength(2);
    expect((await json<{ links: unknown[] }>('/ogc?f=json')).body.links.length).toBeGreaterThan(0);
    expect(await refused('/ogc/collections/grids/items?f=html')).toEqual(['f']);
  });

  it('serves single items and never a non-public facility', async () => {
    const item = await json<Feature>(`/ogc/collections/regions/items/320213021`);
    expect(item.body.properties).toMatchObject({ name: '崇安寺街道', level: 'street' });
    expect(item.crs).toBe(`<${CRS84}>`);
    const [row] = await platform.db.query<{ id: number }>(
      `insert into facility (name, kind, geom, public) values ('OGC内部站', 'station', ST_SetSRID(ST_MakePoint(120.3, 31.57), 4326), false) returning id`,
    );
    expect((await platform.get(`/ogc/collections/facilities/items/${row!.id}`)).status).toBe(404);
    const { body } = await json<Page>('/ogc/collections/facilities/items?limit=1000');
    expect(body.features.some((f) => f.properties?.name === 'OGC内部站')).toBe(false);
  });

  it.each(['/ogc/collections/members', '/ogc/collections/members/items', '/ogc/collections/members/queryables', '/ogc/collections/grids/items/999999', '/ogc/collections/grids/items/abc'])(
    'answers %s with 404',
    async (url) => {
      expect((await platform.get(url)).status).toBe(404);
    },
  );

  it('writes outer rings counter-clockwise and holes clockwise (RFC 7946), in degrees and in metres', async () => {
    const [hole] = await platform.db.query<{ id: number }>(
      // A grid stored with the opposite winding (outer clockwise, hole counter-clockwise).
      `insert into grid (code, name, community_code, geom)
       select '320213021001999', 'OGC环形网格', '320213021001',
              ST_Multi(ST_ForcePolygonCW(ST_Difference(ST_Buffer(ST_SetSRID(ST_MakePoint(121.5, 32.5), 4326), 0.01), ST_Buffer(ST_SetSRID(ST_MakePoint(121.5, 32.5), 4326), 0.003))))
       returning id`,
    );
    for (const crs of [CRS84, epsg(3857)]) {
      const { body } = await json<Page>(`/ogc/collections/grids/items?limit=1000&crs=${encodeURIComponent(crs)}`);
      expect(body.features.some((f) => f.id === hole!.id)).toBe(true);
      for (const f of body.features) {
        for (const polygon of (f.geometry as MultiPolygon).coordinates) {
          polygon.forEach((ring, i) => expect(booleanClockwise(ring), `grid ${f.id} ring ${i}`).toBe(i > 0));
        }
      }
    }
  });
});

describe('OGC API – Features Part 2: coordinate reference systems', () => {
  it('answers in each offered CRS, in its axis order, and names it in Content-Crs', async () => {
    const id = await station('OGC坐标站', 120.3, 31.58);
    const at = async (crs: string) => {
      const { body, crs: header } = await json<Feature<Point>>(`/ogc/collections/facilities/items/${id}?crs=${encodeURIComponent(crs)}`);
      expect(header).toBe(`<${crs}>`);
      return body.geometry.coordinates;
    };
    const near = (got: Position, want: Position, tolerance: number) => {
      expect(Math.abs(got[0]! - want[0]!), `${got.join(',')} vs ${want.join(',')}`).toBeLessThan(tolerance);
      expect(Math.abs(got[1]! - want[1]!), `${got.join(',')} vs ${want.join(',')}`).toBeLessThan(tolerance);
    };
    near(await at(CRS84), [120.3, 31.58], 1e-9);
    near(await at(epsg(4326)), [31.58, 120.3], 1e-9);
    near(await at(epsg(4490)), [31.58, 120.3], 1e-6);
    near(await at(epsg(3857)), proj4('EPSG:4326', 'EPSG:3857', [120.3, 31.58]), 0.01);
    // EPSG:4549's first axis is northing (X), its second easting (Y).
    const [easting, northing] = proj4('EPSG:4326', CGCS2000_GK_120, [120.3, 31.58]);
    near(await at(epsg(4549)), [northing!, easting!], 0.01);

    const page = await json<Page>(`/ogc/collections/facilities/items?name=OGC坐标站&crs=${encodeURIComponent(epsg(4549))}`);
    expect(page.crs).toBe(`<${epsg(4549)}>`);
    near((page.body.features[0]!.geometry as Point).coordinates, [northing!, easting!], 0.01);
  });

  it('reads bbox in bbox-crs and its axis order', async () => {
    const id = await station('OGC框选站', 120.31, 31.59);
    const ids = async (bbox: string, bboxCrs: string) => {
      const { body } = await json<Page>(`/ogc/collections/facilities/items?limit=1000&bbox=${bbox}&bbox-crs=${encodeURIComponent(bboxCrs)}`);
      return body.features.map((f) => f.id);
    };
    const inCrs84 = await ids('120.305,31.585,120.315,31.595', CRS84);
    expect(inCrs84).toContain(id);
    expect(await ids('31.585,120.305,31.595,120.315', epsg(4326))).toEqual(inCrs84);
    expect(await ids('31.585,120.305,31.595,120.315', epsg(4490))).toEqual(inCrs84);
    const [e, n] = proj4('EPSG:4326', CGCS2000_GK_120, [120.31, 31.59]);
    expect(await ids(`${n! - 50},${e! - 50},${n! + 50},${e! + 50}`, epsg(4549))).toContain(id);
    const [x, y] = proj4('EPSG:4326', 'EPSG:3857', [120.31, 31.59]);
    expect(await ids(`${x! - 50},${y! - 50},${x! + 50},${y! + 50}`, epsg(3857))).toContain(id);
    // Lon,lat given where EPSG:4326 wants lat,lon: 120 is no latitude.
    expect(await refused(`/ogc/collections/facilities/items?bbox=120.305,31.585,120.315,31.595&bbox-crs=${encodeURIComponent(epsg(4326))}`)).toEqual(['bbox']);
  });
});

describe('OGC API – Features: queryables and property filters', () => {
  it('describes the queryable properties as JSON Schema', async () => {
    const { body, type } = await json<{ type: string; properties: Record<string, { type: string }> }>('/ogc/collections/grids/queryables');
    expect(type).toMatch(/^application\/schema\+json/);
    expect(body.type).toBe('object');
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['code', 'name', 'communityCode', 'households', 'population']));
    expect(body.properties.households!.type).toBe('integer');
  });

  it('filters by property on the server, with paging counts of the filtered set', async () => {
    const [community] = await platform.db.query<{ code: string; n: number }>(
      `select community_code as code, count(*)::integer as n from grid where valid_to is null group by 1 order by 2 desc, 1 limit 1`,
    );
    const { body } = await json<Page>(`/ogc/collections/grids/items?communityCode=${community!.code}&limit=2`);
    expect(body.numberMatched).toBe(community!.n);
    expect(body.features.every((f) => f.properties?.communityCode === community!.code)).toBe(true);
    const next = new URL(body.links.find((l) => l.rel === 'next')!.href).searchParams;
    expect(next.get('communityCode')).toBe(community!.code);

    const [streets] = await platform.db.query<{ n: number }>(`select count(*)::integer as n from region where level = 'street'`);
    expect((await json<Page>('/ogc/collections/regions/items?level=street&limit=1')).body.numberMatched).toBe(streets!.n);

    const id = await station('OGC筛选站', 120.29, 31.57);
    const byName = await json<Page>(`/ogc/collections/facilities/items?name=${encodeURIComponent('OGC筛选站')}&kind=station`);
    expect(byName.body.features.map((f) => f.id)).toEqual([id]);
    expect((await json<Page>(`/ogc/collections/facilities/items?name=${encodeURIComponent('OGC筛选站')}&kind=center`)).body.numberMatched).toBe(0);
  });
});
