import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';

/** Paths that belong to the server, never to the single-page app. */
const SERVER_PREFIXES = ['/api/', '/tiles/', '/ogc'];

/**
 * Serves the built client (client/dist) with UTF-8 charsets and `.mjs` as JavaScript (module
 * workers refuse other types), and index.html for the app's own routes (/coverage, /station/12…).
 */
export function staticClient(distDir: string): Router {
  const router = Router();
  const indexFile = path.join(distDir, 'index.html');

  router.use(
    express.static(distDir, {
      index: 'index.html',
      setHeaders(res, filePath) {
        if (filePath.endsWith('.mjs') || filePath.endsWith('.js')) res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        // Hashed asset names never change content; index.html must be revalidated.
        res.setHeader('Cache-Control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );

  const spaFallback: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (SERVER_PREFIXES.some((p) => req.path.startsWith(p)) || path.extname(req.path) !== '') return next();
    if (!fs.existsSync(indexFile)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('客户端尚未构建 (client not built): run `npm run build`, or start with `npm start`, which builds it.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  };
  router.use(spaFallback);
  return router;
}
