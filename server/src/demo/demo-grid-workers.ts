import type { Queryable } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';

const DEMO_GRID_WORKERS = sqlFile(import.meta.url, 'demo-grid-workers.sql');

/** The usernames of the demo grid workers (网格员), one for each community demo-grid-workers.sql names. */
const USERNAMES = ['wanggeyuan', 'wanggeyuan2'] as const;

export interface DemoGridWorker {
  username: string;
  displayName: string;
  /** Their community. */
  regionCode: string;
  gridCodes: string[];
}

/**
 * The demo grid workers: `wanggeyuan` for the first two grids of the first community of the
 * district's first street (胜利门社区第1、2网格), `wanggeyuan2` for those of the next community.
 * The demo cases give them work; the demo accounts make them.
 */
export async function demoGridWorkers(db: Queryable): Promise<DemoGridWorker[]> {
  const rows = await db.query<{ community: string; communityName: string; gridCodes: string[] }>(DEMO_GRID_WORKERS);
  return rows
    .filter((r) => r.gridCodes.length > 0)
    .slice(0, USERNAMES.length)
    .map((r, i) => ({
      username: USERNAMES[i]!,
      displayName: `${r.communityName}${r.gridCodes.map((c) => `第${Number(c.slice(12))}`).join('、')}网格网格员`.replace(/、第/g, '、'),
      regionCode: r.community,
      gridCodes: r.gridCodes,
    }));
}
