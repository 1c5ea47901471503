import { pinyin } from 'pinyin-pro';
import type { Database } from '../db/database.ts';
import { sqlFile } from '../db/sql-file.ts';

const MISSING = sqlFile(import.meta.url, 'missing-pinyin.sql');
const FILL = sqlFile(import.meta.url, 'fill-pinyin.sql');
const BATCH = 2000;

const lettersAndDigits = (parts: string[]): string => parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The pinyin key of one text: its full pinyin without spaces, then its initials
 * ('胜利门社区' → 'shenglimenshequ slmsq'); ü is written v (绿 → lv), other characters than
 * letters and digits are dropped. '' for a text with neither.
 */
export function pinyinKey(text: string): string {
  if (text.trim() === '') return '';
  const full = lettersAndDigits(pinyin(text, { toneType: 'none', type: 'array', v: true }));
  const initials = lettersAndDigits(pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' }));
  return full === initials ? full : `${full} ${initials}`;
}

/** The keys of a row's texts (a station: name, then address), as stored in search_pinyin. */
export function searchPinyin(...texts: string[]): string {
  return texts.map(pinyinKey).filter((k) => k !== '').join(' ');
}

/**
 * What a typed text is matched against search_pinyin with: letters (and digits, as in 第1网格)
 * in lower case without spaces or apostrophes ('Sheng Li Men' → 'shenglimen', "xi'an" → 'xian');
 * null for a text with other characters (Chinese, punctuation) or without a letter.
 */
export function pinyinQuery(q: string): string | null {
  if (!/^[A-Za-z0-9\s'’]+$/.test(q) || !/[A-Za-z]/.test(q)) return null;
  return q.toLowerCase().replace(/[^a-z0-9]/g, '');
}

interface MissingRow {
  tbl: 'facility' | 'region' | 'grid';
  id: string;
  name: string;
  address: string;
}

/**
 * Fills search_pinyin where it is null (rows written since the last fill, or renamed), a batch
 * at a time. Cheap when there is nothing to fill: one read of three empty partial indexes.
 * Returns how many rows it filled.
 */
export async function fillSearchPinyin(db: Database): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db.query<MissingRow>(MISSING, [BATCH]);
    if (rows.length === 0) return filled;
    const keyed = rows.map((r) => ({
      tbl: r.tbl,
      num: r.tbl === 'region' ? null : Number(r.id),
      code: r.tbl === 'region' ? r.id : null,
      name: r.name,
      address: r.address,
      key: r.tbl === 'facility' ? searchPinyin(r.name, r.address) : searchPinyin(r.name),
    }));
    await db.query(FILL, [JSON.stringify(keyed)]);
    filled += rows.length;
    // A row renamed between the read and the write stays null and comes back in the next batch;
    // stop after a batch smaller than the limit in every table so such a race cannot loop long.
    if (rows.length < BATCH) return filled;
  }
}
