import express, { Router, type ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/authenticate.ts';
import type { Database } from '../db/database.ts';
import { CRS } from '../geo/crs.ts';
import { HttpError } from '../http/errors.ts';
import { parseOr400 } from '../http/validate.ts';
import { IMPORT_ROLES, importFile } from './import-file.ts';
import { IMPORT_KINDS, IMPORT_MODES, MAX_IMPORT_BYTES } from './import-types.ts';
import { towgs84Option } from './prj-datum.ts';

const params = z.object({ kind: z.enum(IMPORT_KINDS) });
const query = z.object({
  fileName: z.string().trim().min(1, 'fileName: the name of the uploaded file, e.g. 网格.geojson').max(200),
  crs: z.enum(CRS).default('wgs84'),
  encoding: z.enum(['auto', 'utf-8', 'gbk']).default('auto'),
  mode: z.enum(IMPORT_MODES).default('dry-run'),
  towgs84: towgs84Option.optional(),
  sheet: z.string().trim().min(1, 'sheet: a sheet name or its number from 1').max(100).optional(),
});

const MAX_MB = MAX_IMPORT_BYTES / 1024 / 1024;

/** The raw file as the body; a body over the limit is a 413 that says what to do. */
const fileTooLarge: ErrorRequestHandler = (err: unknown, _req, _res, next) => {
  if (typeof err === 'object' && err !== null && (err as { type?: unknown }).type === 'entity.too.large') {
    next(new HttpError(413, 'FILE_TOO_LARGE', `文件超过 ${MAX_MB} MB (the file exceeds ${MAX_MB} MB): split it, e.g. one street per file`));
    return;
  }
  next(err);
};

export function importRoutes(db: Database): Router {
  const router = Router();
  // Who may import is settled before a byte of the file is read.
  router.use('/api/imports/:kind', (req, _res, next) => {
    const { kind } = parseOr400(params, req.params);
    requireRole(req.user, ...IMPORT_ROLES[kind]);
    next();
  });
  router.use('/api/imports/:kind', express.raw({ type: () => true, limit: MAX_IMPORT_BYTES }), fileTooLarge);
  router.post('/api/imports/:kind', async (req, res) => {
    const { kind } = parseOr400(params, req.params);
    const user = requireRole(req.user, ...IMPORT_ROLES[kind]);
    const { fileName, crs, encoding, mode, towgs84, sheet } = parseOr400(query, req.query);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (bytes.length === 0) throw new HttpError(400, 'EMPTY_FILE', '没有收到文件内容 (the request carried no file): send the file itself as the body');
    const report = await importFile(db, kind, bytes, {
      fileName,
      crs,
      encoding: encoding === 'auto' ? undefined : encoding,
      towgs84,
      actor: user,
      mode,
      sheet,
      ip: req.ip,
    });
    res.json(report);
  });
  return router;
}
