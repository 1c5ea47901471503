import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { offsetParam } from '../http/paging.ts';
import { bboxArgs, bboxParam } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';

const ITEMS = sqlFile(import.meta.url, 'ogc-items.sql');
const ITEM = sqlFile(import.meta.url, 'ogc-item.sql');
const EXTENT = sqlFile(import.meta.url, 'ogc-extent.sql');

const GEOJSON = 'application/geo+json';
const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

const COLLECTIONS = {
  regions: { title: '行政区划 (district, streets, communities)', description: '区、街道、社区边界，编码为国家统计用区划代码' },
  grids: { title: '网格 (grid units)', description: '现行网格单元：编码、名称、户数、常住人口、网格长' },
  facilities: { title: '党群服务阵地 (Party service facilities)', description: '公开的党群服务中心、服务站、党员之家等' },
} as const;
type CollectionId = keyof typeof COLLECTIONS;

const itemsQuery = z.object({
  bbox: bboxParam.optional(),
  limit: z.coerce.number({ message: 'limit must be a number' }).int().default(100).transform((n) => Math.min(Math.max(n, 1), 1000)),
  offset: offsetParam,
});
/** A region code or a grid or facility id; the query matches it exactly. */
const itemParams = z.object({ featureId: z.string() });

/** OGC API – Features Part 1 (Core, GeoJSON), read-only, public data: readable by GDAL and QGIS. */
export function ogcRoutes(db: Database): Router {
  const router = Router();

  router.get(['/ogc', '/ogc/'], (req, res) => {
    const base = baseUrl(req);
    res.json({
      title: '网格党建地图 OGC API – Features',
      description: 'Regions, grid units and Party service facilities of the platform, read-only.',
      links: [
        { href: `${base}/ogc`, rel: 'self', type: 'application/json', title: 'this document' },
        { href: `${base}/ogc/conformance`, rel: 'conformance', type: 'application/json', title: 'conformance classes' },
        { href: `${base}/ogc/collections`, rel: 'data', type: 'application/json', title: 'collections' },
      ],
    });
  });

  router.get('/ogc/conformance', (_req, res) => {
    res.json({ conformsTo: CONFORMANCE });
  });

  router.get('/ogc/collections', async (req, res) => {
    const extents = await collectionExtents();
    const base = baseUrl(req);
    res.json({
      links: [{ href: `${base}/ogc/collections`, rel: 'self', type: 'application/json' }],
      collections: (Object.keys(COLLECTIONS) as CollectionId[]).map((id) => describe(base, id, extents[id])),
    });
  });

  router.get('/ogc/collections/:id', async (req, res) => {
    const id = collectionId(req.params.id);
    res.json(describe(baseUrl(req), id, (await collectionExtents())[id]));
  });

  router.get('/ogc/collections/:id/items', async (req, res) => {
    const id = collectionId(req.params.id);
    const q = parseOr400(itemsQuery, req.query);
    const [row] = await db.query<{ features: unknown[]; matched: number }>(ITEMS, [id, ...bboxArgs(q.bbox), q.limit, q.offset]);
    const features = row?.features ?? [];
    const matched = row?.matched ?? 0;
    const base = baseUrl(req);
    const page = (offset: number) => {
      const params = new URLSearchParams({ limit: String(q.limit), offset: String(offset) });
      if (q.bbox) params.set('bbox', [q.bbox.minLng, q.bbox.minLat, q.bbox.maxLng, q.bbox.maxLat].join(','));
      return `${base}/ogc/collections/${id}/items?${params}`;
    };
    const links = [{ href: page(q.offset), rel: 'self', type: GEOJSON }];
    if (q.offset + features.length < matched) links.push({ href: page(q.offset + q.limit), rel: 'next', type: GEOJSON });
    if (q.offset > 0) links.push({ href: page(Math.max(0, q.offset - q.limit)), rel: 'prev', type: GEOJSON });
    send(res, {
      type: 'FeatureCollection',
      numberMatched: matched,
      numberReturned: features.length,
      timeStamp: new Date().toISOString(),
      links,
      features,
    });
  });

  router.get('/ogc/collections/:id/items/:featureId', async (req, res) => {
    const id = collectionId(req.params.id);
    const { featureId } = parseOr400(itemParams, req.params);
    const [row] = await db.query<{ feature: string }>(ITEM, [id, featureId]);
    if (!row) throw new HttpError(404, 'NOT_FOUND', `No feature ${featureId} in ${id}`);
    const base = baseUrl(req);
    send(res, {
      ...(JSON.parse(row.feature) as object),
      links: [
        { href: `${base}/ogc/collections/${id}/items/${encodeURIComponent(featureId)}`, rel: 'self', type: GEOJSON },
        { href: `${base}/ogc/collections/${id}`, rel: 'collection', type: 'application/json' },
      ],
    });
  });

  async function collectionExtents(): Promise<Record<string, [number, number, number, number] | undefined>> {
    const rows = await db.query<{ id: string; minx: number; miny: number; maxx: number; maxy: number }>(EXTENT);
    return Object.fromEntries(rows.filter((r) => r.minx !== null).map((r) => [r.id, [r.minx, r.miny, r.maxx, r.maxy]]));
  }

  return router;
}

/** Matched exactly: `in` would also take inherited names (__proto__, constructor, toString…). */
function collectionId(id: string | undefined): CollectionId {
  if (id !== undefined && Object.hasOwn(COLLECTIONS, id)) return id as CollectionId;
  throw new HttpError(404, 'NOT_FOUND', `No collection ${id ?? ''}: regions, grids or facilities`);
}

function describe(base: string, id: CollectionId, bbox: [number, number, number, number] | undefined) {
  return {
    id,
    ...COLLECTIONS[id],
    itemType: 'feature',
    crs: [CRS84],
    ...(bbox ? { extent: { spatial: { bbox: [bbox], crs: CRS84 } } } : {}),
    links: [
      { href: `${base}/ogc/collections/${id}`, rel: 'self', type: 'application/json' },
      { href: `${base}/ogc/collections/${id}/items`, rel: 'items', type: GEOJSON },
    ],
  };
}

function send(res: Response, body: unknown): void {
  res.type(`${GEOJSON}; charset=utf-8`).send(JSON.stringify(body));
}

/** Links are absolute, as clients such as GDAL expect. */
function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
