import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/authenticate.ts';
import type { CaseFeed } from '../cases/case-feed.ts';
import type { Clock } from '../cases/clock.ts';
import { REPORT_LIMITS } from '../contract/cases.ts';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { parseBodyOr400, parseOr400 } from '../http/validate.ts';
import { createReport, unknownCategory } from './create-report.ts';
import { cleanPhoto } from './photo-image.ts';
import { rateReport } from './rate-report.ts';
import { categoryUpdate, listCategories, publicCategory, updateCategory } from './report-categories.ts';
import { newRating, newReport } from './report-input.ts';
import { checkPhotoAllowed, storePhoto } from './report-photos.ts';
import { ReportQuota } from './report-quota.ts';
import { reportStatus, trackingCodeOr404 } from './report-status.ts';

export interface ReportRoutesOptions {
  feed: CaseFeed;
  clock: Clock;
  /** Reports one address may make in a clock hour (REPORTS_PER_HOUR); REPORT_LIMITS' 10 when absent. */
  reportsPerHour?: number | undefined;
}

const codeParams = z.object({ code: z.string() });
const categoryParams = z.object({ id: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, 'id: a category id such as sanitation') });
const categoriesQuery = z.object({ all: z.enum(['true', 'false']).optional() });

const PHOTO_MB = REPORT_LIMITS.photoBytesMax / 1024 / 1024;

/** The photo is the raw body; over the limit is a 413 that says the photo's limit (not the JSON parser's). */
const photoTooLarge: ErrorRequestHandler = (err: unknown, _req, _res, next) => {
  if (typeof err === 'object' && err !== null && (err as { type?: unknown }).type === 'entity.too.large') {
    next(new HttpError(413, 'IMAGE_TOO_LARGE', `每张照片最大 ${PHOTO_MB} MB，请压缩后再传 (a photo may be at most ${PHOTO_MB} MB: send a smaller one)`));
    return;
  }
  next(err);
};

/** 民情反馈, the public side: categories, reports, photos, status and rating by tracking code. */
export function reportRoutes(db: Database, { feed, clock, reportsPerHour }: ReportRoutesOptions): Router {
  const router = Router();
  const quota = new ReportQuota(reportsPerHour);

  // Active categories for the report page; an admin may ask for the inactive ones too (all=true).
  router.get('/api/report-categories', async (req, res) => {
    const { all } = parseOr400(categoriesQuery, req.query);
    const admin = req.user?.role === 'admin' && all === 'true';
    const categories = await listCategories(db, admin);
    res.json({ categories: admin ? categories : categories.map(publicCategory) });
  });

  router.put('/api/report-categories/:id', async (req, res) => {
    const user = requireRole(req.user, 'admin');
    const { id } = parseOr400(categoryParams, req.params);
    const change = parseBodyOr400(categoryUpdate, req.body);
    res.json(await updateCategory(db, id, change, user, req.ip));
  });

  router.post('/api/reports', async (req, res) => {
    const body: unknown = req.body;
    const category = typeof body === 'object' && body !== null ? (body as { category?: unknown }).category : undefined;
    if (typeof category !== 'string' || category === '') throw unknownCategory(category);
    const input = parseBodyOr400(newReport, body);
    const { created, event } = await createReport(db, quota, input, { address: clientAddress(req), now: clock() });
    await feed.publish(event);
    res.status(201).json(created);
  });

  // Photos: where the case stands is settled before a byte of the photo is read.
  const photoAllowed: RequestHandler = async (req, _res, next) => {
    const code = trackingCodeOr404(parseOr400(codeParams, req.params).code);
    const type = req.get('content-type') ?? '';
    if (!/^image\//i.test(type)) {
      throw new HttpError(415, 'UNSUPPORTED_IMAGE', '请以 Content-Type: image/jpeg、image/png 或 image/webp 发送照片本身 (send the photo itself as the body with an image/* Content-Type)');
    }
    await checkPhotoAllowed(db, code, clock());
    next();
  };
  const addPhoto: RequestHandler = async (req, res) => {
    const code = trackingCodeOr404(parseOr400(codeParams, req.params).code);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const photo = await cleanPhoto(bytes);
    res.status(201).json(await storePhoto(db, code, photo, clock()));
  };
  router.post(
    '/api/reports/:code/photos',
    photoAllowed,
    express.raw({ type: () => true, limit: REPORT_LIMITS.photoBytesMax }),
    photoTooLarge,
    addPhoto,
  );

  router.get('/api/reports/:code', async (req, res) => {
    const { code } = parseOr400(codeParams, req.params);
    res.set('Cache-Control', 'no-store').json(await reportStatus(db, code));
  });

  router.post('/api/reports/:code/rating', async (req, res) => {
    const code = trackingCodeOr404(parseOr400(codeParams, req.params).code);
    const rating = parseBodyOr400(newRating, req.body);
    const event = await rateReport(db, code, rating, clock());
    await feed.publish(event);
    res.json(await reportStatus(db, code));
  });

  return router;
}

function clientAddress(req: express.Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
