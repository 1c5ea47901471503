import { z } from 'zod';
import { COMMUNITY_CODE, REGION_CODE } from '../contract/region-code.ts';
import { INT4_MAX } from './integers.ts';

export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** `bbox=minLng,minLat,maxLng,maxLat` in WGS84 degrees, as in OGC API – Features. */
export const bboxParam = z
  .string()
  .transform((text, ctx): BBox => {
    const parts = text.split(',');
    const nums = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
    if (parts.length !== 4 || nums.some((n) => !Number.isFinite(n))) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be four numbers: minLng,minLat,maxLng,maxLat' });
      return z.NEVER;
    }
    const [minLng, minLat, maxLng, maxLat] = nums as [number, number, number, number];
    if ([minLng, maxLng].some((v) => v < -180 || v > 180) || [minLat, maxLat].some((v) => v < -90 || v > 90)) {
      ctx.addIssue({ code: 'custom', message: 'bbox longitudes must be within ±180 and latitudes within ±90' });
      return z.NEVER;
    }
    if (minLng > maxLng || minLat > maxLat) {
      ctx.addIssue({ code: 'custom', message: 'bbox minimum must not exceed its maximum' });
      return z.NEVER;
    }
    return { minLng, minLat, maxLng, maxLat };
  });

/** A comma-separated list whose items come from an allow-list. */
export function listParam<const T extends readonly [string, ...string[]]>(allowed: T) {
  return z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''))
    .pipe(z.array(z.enum(allowed)).min(1, `expected one or more of: ${allowed.join(', ')}`));
}

interface Range {
  min?: number;
  max?: number;
  /** The message when the value is outside [min, max]; "name must be from min to max" by default. */
  message?: string;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;

/** A number written in decimal, or NaN (`0x10`, `Infinity` and blanks are not numbers here). */
export function decimalNumber(text: string): number {
  return DECIMAL.test(text.trim()) ? Number(text) : Number.NaN;
}
const WHOLE = /^[+-]?\d{1,16}$/;

/**
 * A number in the query or path parameter `name`, written in decimal. An empty value, NaN,
 * Infinity, hex, a value repeated (`?lng=1&lng=2`) or one out of range is refused with 400 naming
 * the parameter, never read as 0 (as `z.coerce.number()` reads an empty string).
 */
export function numberParam(name: string, range: Range = {}) {
  return numeric(name, DECIMAL, 'a number', range);
}

/** A whole number in the query or path parameter `name`, refused as numberParam refuses. */
export function wholeNumberParam(name: string, range: Range = {}) {
  return numeric(name, WHOLE, 'a whole number', range);
}

function numeric(name: string, pattern: RegExp, what: string, { min = -Infinity, max = Infinity, message }: Range) {
  const notNumber = `${name} must be ${what}`;
  const bounds = [Number.isFinite(min) ? `from ${min}` : '', Number.isFinite(max) ? `to ${max}` : ''].filter(Boolean).join(' ');
  return z
    .string({ message: `${notNumber}, given once` })
    .regex(pattern, notNumber)
    .transform(Number)
    .refine((n) => Number.isFinite(n), notNumber)
    .refine((n) => n >= min && n <= max, message ?? `${notNumber} ${bounds}`);
}

export const idParam = wholeNumberParam('id', { min: 1, max: INT4_MAX, message: 'id must be a positive integer within range' });

/** A community code (12 digits) in the field named. */
export const communityCode = (field: string) => z.string().regex(COMMUNITY_CODE, `${field} must be a 12-digit community code`);
export const communityCodeParam = communityCode('community');

/** A region code of any level (4, 6, 9 or 12 digits) in the field named. */
export const regionCode = (field: string) => z.string().regex(REGION_CODE, `${field} must be a 4-, 6-, 9- or 12-digit region code`);

/** The four `$n` arguments of a nullable bbox in SQL (all null when no box was given). */
export function bboxArgs(bbox: BBox | undefined): (number | null)[] {
  return bbox ? [bbox.minLng, bbox.minLat, bbox.maxLng, bbox.maxLat] : [null, null, null, null];
}
