import { REPORT_LIMITS } from '../../../../../server/src/contract/cases.ts';

/** A photo chosen for the report, with its preview (an object URL the picker revokes). */
export interface ChosenPhoto {
  id: number;
  file: File;
  previewUrl: string;
}

/** Types the server takes; an empty type (some phones) is left for the server to read. */
const ACCEPTED_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', '']);

export type PhotoRefusal = { reason: 'tooLarge' | 'wrongType'; file: File } | { reason: 'tooMany'; extra: number };

/**
 * Which of the newly chosen files join the report: photos of an accepted type at most 5 MB
 * each, up to three in all; the rest are refused before anything is uploaded, with the reason.
 */
export function admitPhotos(current: number, files: readonly File[]): { admitted: File[]; refused: PhotoRefusal[] } {
  const admitted: File[] = [];
  const refused: PhotoRefusal[] = [];
  let extra = 0;
  for (const file of files) {
    if (!ACCEPTED_TYPES.has(file.type)) refused.push({ reason: 'wrongType', file });
    else if (file.size > REPORT_LIMITS.photoBytesMax) refused.push({ reason: 'tooLarge', file });
    else if (current + admitted.length >= REPORT_LIMITS.photosMax) extra += 1;
    else admitted.push(file);
  }
  if (extra > 0) refused.push({ reason: 'tooMany', extra });
  return { admitted, refused };
}
