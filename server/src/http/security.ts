import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { HttpError } from './errors.ts';
import type { SharedRateLimit } from './shared-rate-limit.ts';

/**
 * Security headers. The CSP allows what MapLibre needs (its worker from blob:, inline styles on
 * the canvas container, data:/blob: images) and no outside host. Cross-Origin-Resource-Policy is
 * same-origin unless publicCors has already let other sites load the answer.
 */
export function securityHeaders(): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The map draws with WebGL and loads workers; cross-origin isolation would block nothing we
    // use but also buys nothing.
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: false,
  });
  return (req, res, next) => {
    if (!res.hasHeader('Cross-Origin-Resource-Policy')) res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    headers(req, res, next);
  };
}

/** For answers that are data, not pages (public JSON, tiles): only that browsers take the declared type. */
export const noSniff: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
};

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * State-changing requests must come from our own pages, so a foreign page cannot post with the
 * user's cookie. Browsers send Sec-Fetch-Site (or at least Origin) on such requests; clients
 * without either (curl, scripts) carry no ambient cookie risk and pass.
 */
export function sameOriginWrites(publicUrl: string | undefined): RequestHandler {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  return (req, _res, next) => {
    if (!UNSAFE_METHODS.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const ownOrigin = `${req.protocol}://${req.get('host') ?? ''}`;
    const refused =
      (site !== undefined && site !== 'same-origin' && site !== 'none') ||
      (origin !== undefined && origin !== ownOrigin && origin !== publicOrigin);
    if (refused) {
      throw new HttpError(403, 'CROSS_ORIGIN', '跨站请求被拒绝 (cross-origin request refused): state changes must come from this site');
    }
    next();
  };
}

/** Per-IP request budget for anonymous API use (shared by every API process); far above what a person at a map produces. */
export function anonymousRateLimit(limit: SharedRateLimit): RequestHandler {
  return (req, _res, next) => {
    if (req.user) return next();
    const decision = limit.hit(req.ip ?? 'unknown');
    if (decision.ok) return next();
    const seconds = decision.retryAfterSeconds;
    next(new HttpError(429, 'RATE_LIMITED', `请求过于频繁，请 ${seconds} 秒后再试 (too many requests)`, { retryAfterSeconds: seconds }));
  };
}
