import type { CaseDensity } from '../../../server/src/contract/case-stats.ts';
import { getJson, withQuery } from './http';

export type { CaseDensity } from '../../../server/src/contract/case-stats.ts';

/** Public: closed cases per fixed cell, small counts withheld; never a point. */
export function getCaseDensity(query: { category?: string; cellMeters?: number }, signal?: AbortSignal): Promise<CaseDensity> {
  return getJson<CaseDensity>(withQuery('/api/case-stats/public-density', { ...query }), signal);
}

/** The report categories (public), to choose which the density counts. */
export async function getCaseCategories(signal?: AbortSignal): Promise<{ id: string; name: string }[]> {
  return (await getJson<{ categories: { id: string; name: string }[] }>('/api/report-categories', signal)).categories;
}
