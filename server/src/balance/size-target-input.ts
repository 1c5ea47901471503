import type { SizeTargetRequest } from '../contract/buildings.ts';
import { HttpError } from '../http/errors.ts';

/** The most households a target may name for one grid: beyond it the figure is a typo, not a grid. */
export const MAX_TARGET_HOUSEHOLDS = 10_000;

/** 422 BAD_TARGET unless min ≤ max are whole numbers of households within reason and 0 < maxDeviation ≤ 1. */
export function checkSizeTarget(t: SizeTargetRequest): SizeTargetRequest {
  const bad = (why: string) => new HttpError(422, 'BAD_TARGET', `网格规模目标不合理 (bad grid size target): ${why}`, { target: t });
  if (!Number.isInteger(t.min) || !Number.isInteger(t.max)) throw bad('户数须为整数 (households must be whole numbers)');
  if (t.min < 0 || t.max < 0) throw bad('户数不能为负 (households cannot be negative)');
  if (t.max < 1 || t.max > MAX_TARGET_HOUSEHOLDS) throw bad(`最多户数须在 1–${MAX_TARGET_HOUSEHOLDS} 之间 (max must be 1–${MAX_TARGET_HOUSEHOLDS})`);
  if (t.min > t.max) throw bad('最少户数不能大于最多户数 (min cannot exceed max)');
  if (!(t.maxDeviation > 0 && t.maxDeviation <= 1)) throw bad('最大偏差须大于 0 且不超过 1 (maxDeviation must be in (0, 1])');
  return t;
}
