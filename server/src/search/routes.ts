import { Router } from 'express';
import { z } from 'zod';
import type { SearchResponse, SearchResult } from '../contract/finder.ts';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';
import { fromWgs84, CRS } from '../geo/crs.ts';
import { limitParam } from '../http/paging.ts';
import { parseOr400 } from '../http/validate.ts';
import { fillSearchPinyin, pinyinQuery } from './search-pinyin.ts';

const SEARCH = sqlFile(import.meta.url, 'search.sql');

const searchQuery = z.object({
  q: z.string().trim().min(1, '请输入要查找的名称或编码 (type a name or code)').max(50),
  limit: limitParam(20, 50),
  crs: z.enum(CRS).default('wgs84'),
});

/**
 * For people who type instead of sharing their location: stations, streets, communities, grids,
 * by name, address, code or pinyin. db answers the search (a read replica, if any); primary is
 * where the pinyin keys of rows written since the last search are filled in first.
 */
export function searchRoutes(db: Database, primary: Database = db): Router {
  const router = Router();
  router.get('/api/search', async (req, res) => {
    const { q, limit, crs } = parseOr400(searchQuery, req.query);
    const pinyin = pinyinQuery(q);
    // Without its pinyin keys a new row is still found by name: a failed fill does not fail the search.
    if (pinyin !== null) await fillSearchPinyin(primary).catch(() => 0);
    const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = await db.query<Omit<SearchResult, 'location'> & { lng: number; lat: number }>(
      SEARCH,
      [escaped, limit, pinyin],
    );
    const results = rows.map(({ lng, lat, ...r }): SearchResult => {
      const [x, y] = fromWgs84([lng, lat], crs);
      return { ...r, location: { lng: x, lat: y, crs } };
    });
    res.set('Cache-Control', 'public, max-age=300').json({ q, results } satisfies SearchResponse);
  });
  return router;
}
