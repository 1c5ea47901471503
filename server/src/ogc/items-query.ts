import { z } from 'zod';
import { HttpError } from '../http/errors.ts';
import { INT4_MAX } from '../http/integers.ts';
import { limitParam, offsetParam } from '../http/paging.ts';
import { decimalNumber, wholeNumberParam } from '../http/query-params.ts';
import { parseOr400 } from '../http/validate.ts';
import { COLLECTIONS, type CollectionId, type Queryable } from './collections.ts';
import { CRS_URIS, crsByUri, STORAGE_CRS, type Crs } from './crs.ts';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** A box in its CRS's units with x east and y north; one crossing 180° is given as two. */
interface Box {
  minx: number;
  miny: number;
  maxx: number;
  maxy: number;
}

export interface ItemsQuery {
  limit: number;
  offset: number;
  boxes: Box[] | null;
  bboxCrs: Crs;
  crs: Crs;
  /** Queryable property → the value it must equal. */
  filters: Record<string, string>;
}

/** The query parameters every items request takes, besides the collection's queryables. */
const ITEMS_PARAMS = ['limit', 'offset', 'bbox', 'bbox-crs', 'crs'] as const;

/** A parameter given once, not empty: `?limit=` and `?limit=1&limit=2` are refused. */
const text = (name: string) =>
  z.string({ message: `${name} must be given once` }).refine((s) => s.trim() !== '', `${name} must not be empty`);

const crsParam = (name: string) =>
  text(name).transform((uri, ctx): Crs => {
    const crs = crsByUri(uri);
    if (crs) return crs;
    ctx.addIssue({ code: 'custom', message: `${name} must be one of ${CRS_URIS.join(', ')}` });
    return z.NEVER;
  });

/** `minx,miny,maxx,maxy` or `minx,miny,minz,maxx,maxy,maxz` (heights are read and not used). */
const bboxNumbers = text('bbox').transform((value, ctx): [number, number, number, number] => {
  const nums = value.split(',').map(decimalNumber);
  if ((nums.length !== 4 && nums.length !== 6) || nums.some((n) => !Number.isFinite(n))) {
    ctx.addIssue({ code: 'custom', message: 'bbox must be four numbers (minx,miny,maxx,maxy) or six (minx,miny,minz,maxx,maxy,maxz)' });
    return z.NEVER;
  }
  const [a, b, , c, d] = nums.length === 6 ? nums : [nums[0], nums[1], 0, nums[2], nums[3]];
  return [a!, b!, c!, d!];
});

function queryableParam(name: string, q: Queryable) {
  if (q.enum) return text(name).pipe(z.enum(q.enum as [string, ...string[]], { message: `${name} must be one of ${q.enum.join(', ')}` }));
  if (q.type === 'integer') return wholeNumberParam(name, { min: 0, max: INT4_MAX }).transform(String);
  return text(name);
}

function itemsSchema(id: CollectionId) {
  const queryables = Object.entries(COLLECTIONS[id].queryables).map(([name, q]) => [name, queryableParam(name, q).optional()]);
  return z
    .object({
      limit: limitParam(DEFAULT_LIMIT, MAX_LIMIT),
      offset: offsetParam,
      bbox: bboxNumbers.optional(),
      'bbox-crs': crsParam('bbox-crs').optional(),
      crs: crsParam('crs').optional(),
      ...(Object.fromEntries(queryables) as Record<string, z.ZodOptional<z.ZodType<string, unknown>>>),
    })
    .transform((q, ctx): ItemsQuery => {
      const bboxCrs = q['bbox-crs'] ?? STORAGE_CRS;
      const boxes = q.bbox ? boxesOf(q.bbox, bboxCrs) : null;
      if (typeof boxes === 'string') {
        ctx.addIssue({ code: 'custom', path: ['bbox'], message: boxes });
        return z.NEVER;
      }
      if (q['bbox-crs'] && !q.bbox) {
        ctx.addIssue({ code: 'custom', path: ['bbox-crs'], message: 'bbox-crs is given only with a bbox' });
        return z.NEVER;
      }
      const filters: Record<string, string> = {};
      for (const name of Object.keys(COLLECTIONS[id].queryables)) {
        const value = (q as Record<string, unknown>)[name];
        if (typeof value === 'string') filters[name] = value;
      }
      return {
        limit: q.limit,
        offset: q.offset,
        boxes,
        bboxCrs,
        crs: q.crs ?? STORAGE_CRS,
        filters,
      };
    });
}

/** The box in x east, y north, split in two when it crosses 180°; or what is wrong with it. */
function boxesOf([a, b, c, d]: [number, number, number, number], crs: Crs): Box[] | string {
  const [minx, miny, maxx, maxy] = crs.northFirst ? [b, a, d, c] : [a, b, c, d];
  if (miny > maxy) return 'the lower corner must not be north of the upper one';
  if (!crs.geographic) {
    if (minx > maxx) return 'the lower corner must not be east of the upper one';
    return [{ minx, miny, maxx, maxy }];
  }
  if ([minx, maxx].some((x) => x < -180 || x > 180) || [miny, maxy].some((y) => y < -90 || y > 90)) {
    return `longitudes must be within ±180 and latitudes within ±90 (axis order ${crs.northFirst ? 'lat,lon' : 'lon,lat'})`;
  }
  if (minx <= maxx) return [{ minx, miny, maxx, maxy }];
  // A west edge east of the east edge: the box crosses the antimeridian (OGC API – Features §7.15.3).
  return [
    { minx, miny, maxx: 180, maxy },
    { minx: -180, miny, maxx, maxy },
  ];
}

/** The items query of a collection: 400 naming the parameter for an unknown or bad one. */
export function parseItemsQuery(id: CollectionId, query: Record<string, unknown>): ItemsQuery {
  refuseUnknown(query, [...ITEMS_PARAMS, ...Object.keys(COLLECTIONS[id].queryables)]);
  return parseOr400(itemsSchema(id), query);
}

const itemSchema = z.object({ crs: crsParam('crs').optional() });
const itemParams = z.object({ featureId: z.string() });

/** The feature id (a region code, or a grid or facility id) and output CRS of one feature: only `crs` is taken. */
export function parseItemRequest(params: Record<string, unknown>, query: Record<string, unknown>): { featureId: string; crs: Crs } {
  refuseUnknown(query, ['crs']);
  const { featureId } = parseOr400(itemParams, params);
  return { featureId, crs: parseOr400(itemSchema, query).crs ?? STORAGE_CRS };
}

/** `f`, the encoding many OGC API clients name: JSON (GeoJSON for items) is the only one served. */
const JSON_ENCODINGS = ['json', 'geojson', 'application/json', 'application/geo+json'];

/**
 * OGC API – Features: a query parameter the API does not define is a 400, not ignored. `f` is
 * taken everywhere when it asks for JSON, the one encoding served.
 */
export function refuseUnknown(query: Record<string, unknown>, known: readonly string[]): void {
  if (query.f !== undefined && !(typeof query.f === 'string' && JSON_ENCODINGS.includes(query.f.toLowerCase()))) {
    const message = 'only JSON is served (f=json); the API definition as a web page is /ogc/api.html';
    throw new HttpError(400, 'BAD_REQUEST', `f: ${message}`, { fields: [{ field: 'f', message }] });
  }
  const unknown = Object.keys(query).filter((k) => k !== 'f' && !known.includes(k));
  if (unknown.length === 0) return;
  const message = `未知的查询参数 (unknown query parameter); accepted: ${known.join(', ') || 'none'}`;
  throw new HttpError(400, 'BAD_REQUEST', `${unknown.join(', ')}: ${message}`, {
    fields: unknown.map((field) => ({ field, message })),
  });
}
