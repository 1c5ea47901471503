import { REPORT_LIMITS } from '../contract/cases.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { caseNotFound } from './report-status.ts';
import type { CleanPhoto } from './photo-image.ts';

const CASE_BY_CODE = sqlFile(import.meta.url, 'case-by-code.sql');
const INSERT_PHOTO = sqlFile(import.meta.url, 'insert-photo.sql');

interface CaseRow {
  id: number;
  status: string;
  created_at: Date | string;
  photos: number;
}

/** Whether a case takes another photo now: 404, 422 PHOTO_WINDOW_CLOSED or TOO_MANY_PHOTOS when not. */
export async function checkPhotoAllowed(db: Database, code: string, now: Date): Promise<void> {
  const [found] = await db.transaction((tx) => tx.query<CaseRow>(CASE_BY_CODE, [code]));
  requirePhotoAllowed(found, now);
}

/** Stores a cleaned photo as the case's next one, in a transaction that rechecks the limits. */
export async function storePhoto(db: Database, code: string, photo: CleanPhoto, now: Date): Promise<{ seq: number; width: number; height: number }> {
  return db.transaction(async (tx) => {
    const [found] = await tx.query<CaseRow>(CASE_BY_CODE, [code]);
    const c = requirePhotoAllowed(found, now);
    const [row] = await tx.query<{ seq: number }>(INSERT_PHOTO, [c.id, c.photos + 1, photo.mime, photo.width, photo.height, photo.bytes, now]);
    return { seq: row!.seq, width: photo.width, height: photo.height };
  });
}

function requirePhotoAllowed(found: CaseRow | undefined, now: Date): CaseRow {
  if (!found) throw caseNotFound();
  const minutes = REPORT_LIMITS.photoWindowMinutes;
  if (now.getTime() > new Date(found.created_at).getTime() + minutes * 60_000) {
    throw new HttpError(422, 'PHOTO_WINDOW_CLOSED', `照片需在反映后 ${minutes} 分钟内补充 (photos are added within ${minutes} minutes of the report)`);
  }
  if (found.photos >= REPORT_LIMITS.photosMax) {
    throw new HttpError(422, 'TOO_MANY_PHOTOS', `每件反映最多 ${REPORT_LIMITS.photosMax} 张照片 (at most ${REPORT_LIMITS.photosMax} photos a report)`);
  }
  return found;
}
