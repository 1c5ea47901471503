import type { Cell } from './import-fields.ts';
import { INT4_MAX } from '../http/integers.ts';
import { FACILITY_KIND_NAMES, FACILITY_KINDS, type FacilityKind } from '../facilities/facility-input.ts';
import { MEMBER_STATUS_NAMES, MEMBER_STATUSES, type MemberStatus } from '../members/member-status.ts';

// Parsers of single values. Each gets a non-empty cell and returns the value or why not, in
// Chinese and English; empty cells never reach them.

export type ValueResult<T> = { ok: true; value: T } | { ok: false; zh: string; en: string };

const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value });
const bad = (zh: string, en: string): ValueResult<never> => ({ ok: false, zh, en });

/** Our CSV exports put ' before a cell starting with = + - @ so spreadsheets do not run it; read it back without. */
const FORMULA_GUARD = /^'(?=[=+\-@])/;

/**
 * A cell as text: trimmed, numbers written out in full; empty → null. String.prototype.trim takes
 * the same characters as \s (U+3000 included) in linear time; a regex for the trailing run is
 * retried from every space of an inner run, quadratic in a long cell.
 */
export function cellText(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = cell.trim().replace(FORMULA_GUARD, '');
  return text === '' ? null : text;
}

/** A cell quoted in a problem: its first 40 characters (a long cell would be in the report twice over). */
const excerpt = (cell: Cell) => {
  const text = String(cell);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};
const show = (cell: Cell) => `“${excerpt(cell)}”`;

export function text(max: number) {
  return (cell: Cell): ValueResult<string> => {
    const value = cellText(cell)!;
    return value.length <= max ? ok(value) : bad(`内容超过 ${max} 个字，请缩短`, `longer than ${max} characters: shorten it`);
  };
}

/** A whole number ≥ 0 (households, population), written as a number or as digits. */
export function count(max: number) {
  return (cell: Cell): ValueResult<number> => {
    const n = typeof cell === 'number' ? cell : Number(cellText(cell)!.normalize('NFKC').replace(/[,，\s]/g, ''));
    if (!Number.isFinite(n) || !Number.isInteger(n)) return bad(`${show(cell)} 不是整数，请填写如 120 的整数`, `${excerpt(cell)} is not a whole number: write e.g. 120`);
    if (n < 0) return bad(`${show(cell)} 不能是负数`, `${excerpt(cell)} is negative: counts start at 0`);
    if (n > max) return bad(`${show(cell)} 超过上限 ${max}`, `${excerpt(cell)} is more than ${max}`);
    return ok(n);
  };
}

/** A positive whole number (our ids). */
export function positiveId(cell: Cell): ValueResult<number> {
  const textual = cellText(cell)!.normalize('NFKC');
  const n = typeof cell === 'number' ? cell : /^\d+$/.test(textual) ? Number(textual) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) return bad(`${show(cell)} 不是正整数：新增的站点请留空`, `${excerpt(cell)} is not a positive whole number: leave it empty for a new facility`);
  if (n > INT4_MAX) return bad(`${show(cell)} 超出编号范围，没有这个站点：新增的站点请留空`, `${excerpt(cell)} is beyond any facility id: leave it empty for a new facility`);
  return ok(n);
}

/** A decimal degree, as a number or as text ("121.0012"). */
export function degrees(cell: Cell): ValueResult<number> {
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : bad('坐标不是数字', 'not a number');
  const textual = cellText(cell)!.normalize('NFKC').replace(/°$/, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(textual)) {
    return bad(`${show(cell)} 不是十进制经纬度，请填写如 121.0012 的数字`, `${excerpt(cell)} is not a decimal degree: write e.g. 121.0012`);
  }
  return ok(Number(textual));
}

const TRUE = new Set(['true', '1', '是', 'yes', 'y', 't']);
const FALSE = new Set(['false', '0', '否', 'no', 'n', 'f']);

export function yesNo(cell: Cell): ValueResult<boolean> {
  if (typeof cell === 'boolean') return ok(cell);
  const key = cellText(cell)!.normalize('NFKC').toLowerCase();
  if (TRUE.has(key)) return ok(true);
  if (FALSE.has(key)) return ok(false);
  return bad(`${show(cell)} 不是“是”或“否”`, `${excerpt(cell)} is not yes or no: write 是/否, true/false or 1/0`);
}

/** The same characters the grid editor accepts for a phone (see grids/grid-input.ts). */
export function phone(cell: Cell): ValueResult<string> {
  const value = cellText(cell)!.normalize('NFKC');
  const digits = value.replace(/\D/g, '').length;
  if (!/^[0-9+\-() ]{3,30}$/.test(value) || digits < 3) {
    return bad(`${show(cell)} 不是电话号码：只写一个号码，如 0510-5550101 或 13800000000`, `${excerpt(cell)} is not a phone number: write one number, digits and + - ( ) only`);
  }
  return ok(value);
}

export function digitsCode(length: number, hint: { zh: string; en: string }) {
  const pattern = new RegExp(`^\\d{${length}}$`);
  return (cell: Cell): ValueResult<string> => {
    const value = cellText(cell)!.normalize('NFKC');
    if (!pattern.test(value)) {
      return bad(`${show(cell)} 应为 ${length} 位数字${hint.zh}`, `${excerpt(cell)} must be ${length} digits${hint.en}`);
    }
    return ok(value);
  };
}

/** Codes, the glossary names and one short form people write, each to its kind. */
const KINDS: Record<string, FacilityKind> = Object.fromEntries([
  ...FACILITY_KINDS.map((k) => [k, k]),
  ...FACILITY_KINDS.map((k) => [FACILITY_KIND_NAMES[k], k]),
  ['代表工作室', 'rep_studio'],
]);

export function facilityKind(cell: Cell): ValueResult<FacilityKind> {
  const key = cellText(cell)!.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  if (Object.hasOwn(KINDS, key)) return ok(KINDS[key]!);
  return bad(
    `${show(cell)} 不是站点类型，应为 党群服务中心、党群服务站、党员之家、党代表工作室 或 志愿服务点`,
    `${excerpt(cell)} is not a kind: use center, station, party_home, rep_studio or volunteer_point`,
  );
}

/** Codes, the glossary names and their short forms (正式, 预备), each to its status. */
const STATUSES: Record<string, MemberStatus> = Object.fromEntries(
  MEMBER_STATUSES.flatMap((s) => [[s, s], [MEMBER_STATUS_NAMES[s], s], [MEMBER_STATUS_NAMES[s].slice(0, 2), s]]),
);

export function memberStatus(cell: Cell): ValueResult<MemberStatus> {
  const key = cellText(cell)!.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  if (Object.hasOwn(STATUSES, key)) return ok(STATUSES[key]!);
  return bad(`${show(cell)} 不是党员状态，应为 正式党员 或 预备党员`, `${excerpt(cell)} is not a status: use formal (正式党员) or probationary (预备党员)`);
}

/** Services listed in one cell, split on 、 ; ； , ，. */
export function serviceList(cell: Cell): ValueResult<string[]> {
  return ok(
    cellText(cell)!
      .split(/[、;；,，]/)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}
