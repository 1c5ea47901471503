import type { ReportCategory } from '../../../server/src/contract/cases.ts';
import { getJson } from './http';

export type { ReportCategory } from '../../../server/src/contract/cases.ts';

/** What a resident may report (环境卫生, 设施维修, …), in the order the report page lists them. */
export async function getReportCategories(signal?: AbortSignal): Promise<ReportCategory[]> {
  return (await getJson<{ categories: ReportCategory[] }>('/api/report-categories', signal)).categories;
}
