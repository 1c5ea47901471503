import { describe, expect, it } from 'vitest';
import { pinyinKey, pinyinQuery, searchPinyin } from '../../server/src/search/search-pinyin.ts';

describe('pinyin keys of names (search_pinyin)', () => {
  it('holds the full pinyin without tones or spaces, then the initials', () => {
    expect(pinyinKey('胜利门社区')).toBe('shenglimenshequ slmsq');
    expect(pinyinKey('胜利门社区第1网格')).toBe('shenglimenshequdi1wangge slmsqd1wg');
  });

  it('writes ü as v, keeps Latin words and digits, and drops punctuation', () => {
    expect(pinyinKey('绿地')).toBe('lvdi ld');
    expect(pinyinKey('Sunrise 社区 Hub')).toBe('sunriseshequhub sunrisesqhub');
    expect(pinyinKey('（崇安寺）')).toBe('chongansi cas');
    expect(pinyinKey('ABC')).toBe('abc');
    expect(pinyinKey('  ')).toBe('');
  });

  it("joins a station's name and address", () => {
    expect(searchPinyin('胜利门社区党群服务站', '塘南路 8 号')).toBe('shenglimenshequdangqunfuwuzhan slmsqdqfwz tangnanlu8hao tnl8h');
    expect(searchPinyin('崇安寺', '')).toBe('chongansi cas');
  });
});

describe('what a typed text is matched with', () => {
  it('takes letters (and digits) in lower case, without spaces or apostrophes', () => {
    expect(pinyinQuery('Sheng Li Men')).toBe('shenglimen');
    expect(pinyinQuery("xi'an")).toBe('xian');
    expect(pinyinQuery('slmsqd1wg')).toBe('slmsqd1wg');
  });

  it('leaves Chinese, punctuation and plain codes to the name and code search', () => {
    expect(pinyinQuery('胜利门')).toBeNull();
    expect(pinyinQuery('slm!')).toBeNull();
    expect(pinyinQuery('3202')).toBeNull();
    expect(pinyinQuery('%_')).toBeNull();
  });
});
