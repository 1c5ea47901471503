import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The public reads a web map on another site may use (GET and HEAD): the OGC API, vector tiles
 * and their TileJSON, the finder (nearest, open state, locate, search), facilities, regions and
 * the current grids. Nothing else: every staff endpoint (grid history, coverage, exports, members,
 * accounts, audit, sign-in…) and every write stays same-origin only.
 */
const PUBLIC_READS: readonly RegExp[] = [
  /^\/ogc(\/|$)/,
  /^\/tiles\//,
  /^\/api\/nearest(\/open-state)?$/,
  /^\/api\/locate$/,
  /^\/api\/search$/,
  /^\/api\/facilities(\/[^/]+)?$/,
  /^\/api\/regions$/,
  /^\/api\/grids(\/[^/]+)?$/,
];

const READ_METHODS = new Set(['GET', 'HEAD']);

/** Whether a path (without its query) is one of the public reads. */
function isPublicRead(path: string): boolean {
  return PUBLIC_READS.some((pattern) => pattern.test(path));
}

/** The path of a request, without the query. */
function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/** Whether the request came from a page of another site (a cross-origin fetch). */
function crossOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'cross-site' || site === 'same-site';
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD',
  'Access-Control-Allow-Headers': 'Accept, Accept-Language, Cache-Control, If-None-Match, If-Modified-Since',
  'Access-Control-Max-Age': '86400',
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;

/**
 * CORS for the public reads, called by the request listener before anything else answers (the
 * cached tile and nearest fast paths included), so every answer of a public read — 200, 304,
 * 400, 404, 429 — carries `Access-Control-Allow-Origin: *` and `Cross-Origin-Resource-Policy:
 * cross-origin`, and never `Access-Control-Allow-Credentials`: a browser then refuses any
 * cross-origin request sent with cookies, and a page of another site reads only what anyone may.
 * A cross-origin request's cookie is dropped, so its answer is the anonymous one whatever the
 * browser sent. Returns true when it answered the request itself (a CORS preflight).
 */
export function publicCors(req: IncomingMessage, res: ServerResponse): boolean {
  if (!isPublicRead(pathOf(req))) return false;
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
    res.writeHead(204, { ...PREFLIGHT_HEADERS, 'Content-Length': '0' }).end();
    return true;
  }
  if (!READ_METHODS.has(req.method ?? '')) return false;
  if (crossOrigin(req)) delete req.headers.cookie;
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'ETag, Content-Crs, Link, Retry-After');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  return false;
}
