import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import { isAppPath } from '../contract/app-routes.ts';

/** Paths that belong to the server, never to the single-page app. */
const SERVER_PREFIXES = ['/api/', '/tiles/', '/ogc'];

/** Hashed file names never change content: a browser keeps them for a year without asking. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The copies the build writes beside each asset (vite.config.ts), best first. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** `.mjs` as JavaScript too: module workers (MapLibre's) refuse any other type. */
function setContentType(res: Response, filePath: string): void {
  const ext = path.extname(filePath);
  if (ext === '.js' || ext === '.mjs') res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
  else res.type(ext);
}

/**
 * Sends `assets/x.js.br` (or `.gz`) for `assets/x.js` when the request accepts that encoding,
 * marked with Content-Encoding so the compressor after it leaves it alone; otherwise, or when no
 * such copy exists (small files have none), the plain file is served by express.static.
 */
function precompressedAssets(assetsDir: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Our preference, not the header's order: browsers list `gzip, deflate, br`, and brotli's
    // copy is a fifth smaller.
    const chosen = PRECOMPRESSED.find((p) => req.acceptsEncodings(p.encoding) === p.encoding);
    if (!chosen) return next();
    const relative = req.path.replace(/^\/+/, '');
    if (relative === '' || relative.endsWith('/')) return next();
    setContentType(res, relative);
    res.setHeader('Content-Encoding', chosen.encoding);
    res.setHeader('Cache-Control', IMMUTABLE);
    res.vary('Accept-Encoding');
    // `root` keeps the path inside the assets folder (send refuses `..` with 403).
    res.sendFile(relative + chosen.suffix, { root: assetsDir, cacheControl: false, dotfiles: 'deny' }, (err?: Error) => {
      if (!err || res.headersSent) return;
      // No compressed copy: undo this attempt and let express.static send the file itself.
      res.removeHeader('Content-Encoding');
      res.removeHeader('Content-Type');
      next();
    });
  };
}

function sendIndex(res: Response, indexFile: string, status: 200 | 404): void {
  res.status(status).setHeader('Cache-Control', 'no-cache');
  // A 404 page is not a resource to revalidate or fetch in ranges.
  const notFound = status === 404;
  res.sendFile(indexFile, { cacheControl: false, etag: !notFound, lastModified: !notFound, acceptRanges: !notFound });
}

/**
 * Serves the built client (client/dist): hashed assets precompressed and cached for a year,
 * index.html revalidated on every load, the app's own routes (/coverage, /station/12…) as
 * index.html, and any other page path as index.html with status 404, where the app shows its
 * "page not found" page.
 */
export function staticClient(distDir: string): Router {
  const router = Router();
  const indexFile = path.join(distDir, 'index.html');

  router.use('/assets', precompressedAssets(path.join(distDir, 'assets')));
  router.use(
    express.static(distDir, {
      index: 'index.html',
      setHeaders(res, filePath) {
        setContentType(res, filePath);
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          res.setHeader('Cache-Control', IMMUTABLE);
          res.vary('Accept-Encoding');
        } else {
          res.setHeader('Cache-Control', 'no-cache');
        }
      },
    }),
  );

  const spaFallback: RequestHandler = (req: Request, res: Response, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // A missing file (an old asset, /favicon.ico) is a plain 404, not the app.
    if (SERVER_PREFIXES.some((p) => req.path.startsWith(p)) || path.extname(req.path) !== '') return next();
    if (!fs.existsSync(indexFile)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('客户端尚未构建 (client not built): run `npm run build`, or start with `npm start`, which builds it.');
      return;
    }
    sendIndex(res, indexFile, isAppPath(req.path) ? 200 : 404);
  };
  router.use(spaFallback);
  return router;
}
