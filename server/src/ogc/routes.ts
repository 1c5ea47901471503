import { Router, type Request, type Response } from 'express';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { apiHtml } from './api-html.ts';
import { COLLECTION_IDS, COLLECTIONS, isCollectionId, type CollectionId } from './collections.ts';
import { contentCrs, CRS_URIS, CRS84, type Crs } from './crs.ts';
import { parseItemRequest, parseItemsQuery, refuseUnknown } from './items-query.ts';
import { GEOJSON, OPENAPI_TYPE, openApiDocument, SCHEMA_JSON } from './openapi.ts';

const ITEMS = sqlFile(import.meta.url, 'ogc-items.sql');
const ITEM = sqlFile(import.meta.url, 'ogc-item.sql');
const EXTENT = sqlFile(import.meta.url, 'ogc-extent.sql');

const JSON_TYPE = 'application/json';
const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
];
const QUERYABLES_REL = 'http://www.opengis.net/def/rel/ogc/1.0/queryables';

type Extents = Partial<Record<CollectionId, [number, number, number, number]>>;

/**
 * OGC API – Features, read-only, public data: Part 1 (Core, GeoJSON, OpenAPI 3.0), Part 2 (CRS by
 * reference) and Part 3's queryables as query parameters. Readable by QGIS, GDAL and OWSLib.
 */
export function ogcRoutes(db: Database): Router {
  const router = Router();

  router.get(['/ogc', '/ogc/'], (req, res) => {
    refuseUnknown(req.query, []);
    const base = `${baseUrl(req)}/ogc`;
    res.json({
      title: '网格党建地图 OGC API – Features',
      description: 'Regions, grid units and Party service facilities of the platform, read-only.',
      links: [
        { href: base, rel: 'self', type: JSON_TYPE, title: 'this document' },
        { href: `${base}/api`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'the API definition (OpenAPI 3.0)' },
        { href: `${base}/api.html`, rel: 'service-doc', type: 'text/html', title: 'the API documentation' },
        { href: `${base}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'conformance classes' },
        { href: `${base}/collections`, rel: 'data', type: JSON_TYPE, title: 'collections' },
      ],
    });
  });

  router.get('/ogc/api', (req, res) => {
    refuseUnknown(req.query, []);
    // Sent as bytes so Express keeps the media type exactly as the landing page names it.
    res.set('Content-Type', OPENAPI_TYPE).send(Buffer.from(JSON.stringify(openApiDocument(baseUrl(req)))));
  });

  router.get('/ogc/api.html', (req, res) => {
    refuseUnknown(req.query, []);
    res.type('text/html; charset=utf-8').send(apiHtml(openApiDocument(baseUrl(req))));
  });

  router.get('/ogc/conformance', (req, res) => {
    refuseUnknown(req.query, []);
    res.json({ conformsTo: CONFORMANCE });
  });

  router.get('/ogc/collections', async (req, res) => {
    refuseUnknown(req.query, []);
    const extents = await collectionExtents();
    const base = baseUrl(req);
    res.json({
      links: [{ href: `${base}/ogc/collections`, rel: 'self', type: JSON_TYPE }],
      crs: CRS_URIS,
      collections: COLLECTION_IDS.map((id) => describe(base, id, extents[id])),
    });
  });

  router.get('/ogc/collections/:id', async (req, res) => {
    const id = collectionId(req.params.id);
    refuseUnknown(req.query, []);
    res.json(describe(baseUrl(req), id, (await collectionExtents())[id]));
  });

  router.get('/ogc/collections/:id/queryables', (req, res) => {
    const id = collectionId(req.params.id);
    refuseUnknown(req.query, []);
    const { title, queryables } = COLLECTIONS[id];
    res.type(SCHEMA_JSON).send(
      JSON.stringify({
        $schema: 'https://json-schema.org/draft/2019-09/schema',
        $id: `${baseUrl(req)}/ogc/collections/${id}/queryables`,
        type: 'object',
        title,
        properties: Object.fromEntries(Object.entries(queryables).map(([name, q]) => [name, { ...q }])),
        additionalProperties: false,
      }),
    );
  });

  router.get('/ogc/collections/:id/items', async (req, res) => {
    const id = collectionId(req.params.id);
    const q = parseItemsQuery(id, req.query);
    const [row] = await db.query<{ features: unknown[]; matched: number }>(ITEMS, [
      id,
      q.boxes ? JSON.stringify(q.boxes) : null,
      q.bboxCrs.srid,
      JSON.stringify(q.filters),
      ...crsArgs(q.crs),
      q.limit,
      q.offset,
    ]);
    const features = row?.features ?? [];
    const matched = row?.matched ?? 0;
    const base = baseUrl(req);
    const page = (offset: number) => {
      // The same query, with the page's limit and offset: bbox, crs and filters carry over.
      const params = new URL(req.originalUrl, base).searchParams;
      params.set('limit', String(q.limit));
      params.set('offset', String(offset));
      return `${base}/ogc/collections/${id}/items?${params}`;
    };
    const links = [
      { href: page(q.offset), rel: 'self', type: GEOJSON, title: 'this page' },
      { href: `${base}/ogc/collections/${id}`, rel: 'collection', type: JSON_TYPE, title: COLLECTIONS[id].title },
    ];
    if (q.offset + features.length < matched) links.push({ href: page(q.offset + q.limit), rel: 'next', type: GEOJSON, title: 'next page' });
    if (q.offset > 0) links.push({ href: page(Math.max(0, q.offset - q.limit)), rel: 'prev', type: GEOJSON, title: 'previous page' });
    sendGeoJson(res, q.crs, {
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
    const { featureId, crs } = parseItemRequest(req.params, req.query);
    const [row] = await db.query<{ feature: object }>(ITEM, [id, featureId, ...crsArgs(crs)]);
    if (!row) throw new HttpError(404, 'NOT_FOUND', `没有这个要素 (no such feature): ${featureId} in ${id}`);
    const base = baseUrl(req);
    const self = new URL(`${base}/ogc/collections/${id}/items/${encodeURIComponent(featureId)}`);
    if (req.query.crs !== undefined) self.searchParams.set('crs', crs.uri);
    sendGeoJson(res, crs, {
      ...row.feature,
      links: [
        { href: self.href, rel: 'self', type: GEOJSON, title: 'this feature' },
        { href: `${base}/ogc/collections/${id}`, rel: 'collection', type: JSON_TYPE, title: COLLECTIONS[id].title },
      ],
    });
  });

  async function collectionExtents(): Promise<Extents> {
    const rows = await db.query<{ id: CollectionId; minx: number; miny: number; maxx: number; maxy: number }>(EXTENT);
    return Object.fromEntries(rows.filter((r) => r.minx !== null).map((r) => [r.id, [r.minx, r.miny, r.maxx, r.maxy]]));
  }

  return router;
}

function collectionId(id: string | undefined): CollectionId {
  if (isCollectionId(id)) return id;
  throw new HttpError(404, 'NOT_FOUND', `没有这个图层 (no such collection): ${id ?? ''}; regions, grids or facilities`);
}

function describe(base: string, id: CollectionId, bbox: [number, number, number, number] | undefined) {
  const { title, description } = COLLECTIONS[id];
  return {
    id,
    title,
    description,
    itemType: 'feature',
    crs: CRS_URIS,
    storageCrs: CRS84,
    ...(bbox ? { extent: { spatial: { bbox: [bbox], crs: CRS84 } } } : {}),
    links: [
      { href: `${base}/ogc/collections/${id}`, rel: 'self', type: JSON_TYPE, title },
      { href: `${base}/ogc/collections/${id}/items`, rel: 'items', type: GEOJSON, title },
      { href: `${base}/ogc/collections/${id}/queryables`, rel: QUERYABLES_REL, type: SCHEMA_JSON, title: `${title}: queryables` },
    ],
  };
}

/** The output CRS's arguments of the items and item queries: srid, north first, decimals. */
function crsArgs(crs: Crs): [number, boolean, number] {
  return [crs.srid, crs.northFirst, crs.decimals];
}

function sendGeoJson(res: Response, crs: Crs, body: unknown): void {
  res.set('Content-Crs', contentCrs(crs));
  res.type(`${GEOJSON}; charset=utf-8`).send(JSON.stringify(body));
}

/** Links are absolute, as clients such as GDAL expect. */
function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
