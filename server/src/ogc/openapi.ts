import { COLLECTION_IDS, COLLECTIONS, type CollectionId } from './collections.ts';
import { CRS_URIS, CRS84 } from './crs.ts';
import { DEFAULT_LIMIT, MAX_LIMIT } from './items-query.ts';

export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';
export const GEOJSON = 'application/geo+json';
export const SCHEMA_JSON = 'application/schema+json';

const ref = (kind: 'parameters' | 'schemas' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });

const json = (schema: object, type = 'application/json') => ({ content: { [type]: { schema } } });

const ERRORS = { '400': ref('responses', 'BadRequest'), '404': ref('responses', 'NotFound'), '500': ref('responses', 'ServerError') };

const CRS_SCHEMA = { type: 'string', format: 'uri', enum: CRS_URIS, default: CRS84 };

const PARAMETERS = {
  limit: {
    name: 'limit',
    in: 'query',
    required: false,
    description: `How many features a page holds. A larger value is taken as ${MAX_LIMIT}, the most a page holds.`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
    style: 'form',
    explode: false,
  },
  offset: {
    name: 'offset',
    in: 'query',
    required: false,
    description: 'How many features to skip (the `next` and `prev` links carry it).',
    schema: { type: 'integer', minimum: 0, default: 0 },
    style: 'form',
    explode: false,
  },
  bbox: {
    name: 'bbox',
    in: 'query',
    required: false,
    description:
      'Features meeting the box `minx,miny,maxx,maxy` or `minx,miny,minz,maxx,maxy,maxz`, in `bbox-crs` (CRS84 longitude,latitude unless given) and its axis order. A west edge east of the east edge crosses 180°.',
    schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
    style: 'form',
    explode: false,
  },
  bboxCrs: {
    name: 'bbox-crs',
    in: 'query',
    required: false,
    description: 'The CRS of `bbox` (OGC API – Features Part 2).',
    schema: CRS_SCHEMA,
    style: 'form',
    explode: false,
  },
  crs: {
    name: 'crs',
    in: 'query',
    required: false,
    description: 'The CRS of the coordinates in the answer, in its own axis order (EPSG:4326 and 4490 latitude first, EPSG:4549 northing first). The answer names it in `Content-Crs`.',
    schema: CRS_SCHEMA,
    style: 'form',
    explode: false,
  },
  featureId: { name: 'featureId', in: 'path', required: true, description: 'A region code, or a grid or facility id.', schema: { type: 'string' } },
};

const LINK = {
  type: 'object',
  required: ['href', 'rel'],
  properties: { href: { type: 'string' }, rel: { type: 'string' }, type: { type: 'string' }, title: { type: 'string' } },
};
const LINKS = { type: 'array', items: ref('schemas', 'link') };

const SCHEMAS = {
  link: LINK,
  exception: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
      },
    },
  },
  landingPage: { type: 'object', required: ['links'], properties: { title: { type: 'string' }, description: { type: 'string' }, links: LINKS } },
  confClasses: { type: 'object', required: ['conformsTo'], properties: { conformsTo: { type: 'array', items: { type: 'string' } } } },
  collection: {
    type: 'object',
    required: ['id', 'links'],
    properties: {
      id: { type: 'string' },
      title: { type: 'string' },
      description: { type: 'string' },
      itemType: { type: 'string' },
      crs: { type: 'array', items: { type: 'string' } },
      storageCrs: { type: 'string' },
      extent: { type: 'object' },
      links: LINKS,
    },
  },
  collections: {
    type: 'object',
    required: ['links', 'collections'],
    properties: { links: LINKS, crs: { type: 'array', items: { type: 'string' } }, collections: { type: 'array', items: ref('schemas', 'collection') } },
  },
  featureGeoJSON: {
    type: 'object',
    required: ['type', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
      geometry: { type: 'object', nullable: true },
      properties: { type: 'object', nullable: true },
      links: LINKS,
    },
  },
  featureCollectionGeoJSON: {
    type: 'object',
    required: ['type', 'features'],
    properties: {
      type: { type: 'string', enum: ['FeatureCollection'] },
      features: { type: 'array', items: ref('schemas', 'featureGeoJSON') },
      links: LINKS,
      timeStamp: { type: 'string', format: 'date-time' },
      numberMatched: { type: 'integer', minimum: 0 },
      numberReturned: { type: 'integer', minimum: 0 },
    },
  },
  queryables: { type: 'object', required: ['type', 'properties'], properties: { $schema: { type: 'string' }, $id: { type: 'string' }, type: { type: 'string' }, properties: { type: 'object' } } },
};

const errorResponse = (description: string) => ({ description, ...json(ref('schemas', 'exception')) });
const RESPONSES = {
  BadRequest: errorResponse('A query parameter the API does not define, or a bad value: the message names it.'),
  NotFound: errorResponse('No such collection or feature.'),
  ServerError: errorResponse('The server could not answer.'),
};

const CONTENT_CRS_HEADER = { 'Content-Crs': { description: 'The CRS of the coordinates, as `<URI>`.', schema: { type: 'string' } } };

function collectionPaths(id: CollectionId) {
  const { title, queryables } = COLLECTIONS[id];
  const filters = Object.entries(queryables).map(([name, q]) => ({
    name,
    in: 'query',
    required: false,
    description: `${q.title}: features whose \`${name}\` equals the value.`,
    schema: q.type === 'integer' ? { type: 'integer' } : { type: 'string', ...('enum' in q ? { enum: q.enum } : {}) },
    style: 'form',
    explode: false,
  }));
  return {
    [`/collections/${id}`]: {
      get: {
        tags: ['Collections'],
        summary: `${title}: the collection`,
        operationId: `describe_${id}`,
        responses: { '200': { description: 'The collection, its extent and CRSs.', ...json(ref('schemas', 'collection')) }, ...ERRORS },
      },
    },
    [`/collections/${id}/items`]: {
      get: {
        tags: ['Features'],
        summary: `${title}: features, a page at a time`,
        operationId: `items_${id}`,
        parameters: [
          ref('parameters', 'limit'),
          ref('parameters', 'offset'),
          ref('parameters', 'bbox'),
          ref('parameters', 'bboxCrs'),
          ref('parameters', 'crs'),
          ...filters,
        ],
        responses: {
          '200': {
            description: 'A page of features, with `numberMatched`, `numberReturned` and `next`/`prev` links.',
            headers: CONTENT_CRS_HEADER,
            ...json(ref('schemas', 'featureCollectionGeoJSON'), GEOJSON),
          },
          ...ERRORS,
        },
      },
    },
    [`/collections/${id}/items/{featureId}`]: {
      get: {
        tags: ['Features'],
        summary: `${title}: one feature`,
        operationId: `item_${id}`,
        parameters: [ref('parameters', 'featureId'), ref('parameters', 'crs')],
        responses: {
          '200': { description: 'The feature.', headers: CONTENT_CRS_HEADER, ...json(ref('schemas', 'featureGeoJSON'), GEOJSON) },
          ...ERRORS,
        },
      },
    },
    [`/collections/${id}/queryables`]: {
      get: {
        tags: ['Collections'],
        summary: `${title}: the properties it can be filtered on`,
        operationId: `queryables_${id}`,
        responses: { '200': { description: 'A JSON Schema of the queryable properties.', ...json(ref('schemas', 'queryables'), SCHEMA_JSON) }, ...ERRORS },
      },
    },
  };
}

/** The OpenAPI 3.0 description of /ogc, the `service-desc` of its landing page. */
export function openApiDocument(base: string) {
  const plain = (summary: string, operationId: string, description: string, schema: string, type = 'application/json') => ({
    get: { tags: ['Capabilities'], summary, operationId, responses: { '200': { description, ...json(ref('schemas', schema), type) }, ...ERRORS } },
  });
  return {
    openapi: '3.0.3',
    info: {
      title: '网格党建地图 OGC API – Features',
      version: '1.0.0',
      description:
        'Regions, grid units and Party service facilities, read-only and public (OGC API – Features Parts 1, 2 and 3 queryables). Unknown query parameters are refused with 400.',
    },
    servers: [{ url: `${base}/ogc` }],
    tags: [{ name: 'Capabilities' }, { name: 'Collections' }, { name: 'Features' }],
    paths: {
      '/': plain('Landing page', 'getLandingPage', 'Links to the API description, conformance and collections.', 'landingPage'),
      '/api': {
        get: {
          tags: ['Capabilities'],
          summary: 'This API description',
          operationId: 'getApi',
          responses: { '200': { description: 'OpenAPI 3.0 document.', content: { [OPENAPI_TYPE]: { schema: { type: 'object' } } } }, ...ERRORS },
        },
      },
      '/api.html': {
        get: {
          tags: ['Capabilities'],
          summary: 'This API description as a web page',
          operationId: 'getApiHtml',
          responses: { '200': { description: 'HTML page.', content: { 'text/html': { schema: { type: 'string' } } } }, ...ERRORS },
        },
      },
      '/conformance': plain('Conformance classes', 'getConformance', 'The conformance classes the API implements.', 'confClasses'),
      '/collections': plain('Collections', 'getCollections', 'The three collections.', 'collections'),
      ...Object.assign({}, ...COLLECTION_IDS.map(collectionPaths)),
    },
    components: { parameters: PARAMETERS, schemas: SCHEMAS, responses: RESPONSES },
  };
}
