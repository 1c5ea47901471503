import { z } from 'zod';
import { RATINGS, REPORT_LIMITS, type NewRating, type NewReport } from '../contract/cases.ts';
import { CRS } from '../geo/crs.ts';
import type { ReadsContract } from '../http/validate.ts';

// What residents send, checked at the HTTP edge.

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/** Characters as a person counts them (and PostgreSQL's length()), not UTF-16 units. */
const characters = (s: string) => [...s].length;

const description = z
  .string()
  .trim()
  .refine((s) => characters(s) >= 1, '请描述问题 (describe the problem)')
  .refine(
    (s) => characters(s) <= REPORT_LIMITS.descriptionMax,
    `描述最多 ${REPORT_LIMITS.descriptionMax} 个字 (at most ${REPORT_LIMITS.descriptionMax} characters)`,
  );

const phone = z
  .string()
  .trim()
  .refine((s) => s === '' || MOBILE.test(s) || LANDLINE.test(s), '电话应为 11 位手机号或带区号的固定电话，如 0510-12345678 (an 11-digit mobile or a landline with its area code)')
  .transform((s) => (s === '' ? undefined : s));

export const newReport = z
  .strictObject({
    category: z.string().max(40),
    description,
    lng: z.number().finite().min(-180).max(180),
    lat: z.number().finite().min(-90).max(90),
    crs: z.enum(CRS).default('wgs84'),
    phone: phone.optional(),
  });
export type ReportInput = z.output<typeof newReport>;

export const newRating = z
  .strictObject({
    rating: z.enum(RATINGS),
    comment: z.string().trim().max(200, '评价最多 200 个字 (at most 200 characters)').optional(),
  });

// The bodies above are the contract's requests (a mismatch fails to compile).
const contractChecks: [ReadsContract<typeof newReport, NewReport>, ReadsContract<typeof newRating, NewRating>] = [true, true];
void contractChecks;
