import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/src/api/http.ts';
import { admitPhotos } from '../../client/src/features/public/report/photos.ts';
import { codeFromPath, normalizeCode } from '../../client/src/features/public/report/reportCode.ts';
import { sendErrorText } from '../../client/src/features/public/report/sendErrorText.ts';
import { formatBytes, reportText } from '../../client/src/features/public/report/strings.ts';
import { fill, placeholders } from '../../client/src/i18n/namespace.ts';
import { CASE_STATUSES, RATINGS } from '../../server/src/contract/cases.ts';

// 反映问题's pure parts: its texts in both languages, the tracking codes residents type, and
// which photos are refused before any upload.

describe('the report texts', () => {
  const zh = reportText.texts['zh-CN'];
  const en = reportText.texts.en;

  it('have the same keys and {placeholders} in Chinese and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(Object.entries(zh).filter(([, text]) => text === '')).toEqual([]);
    const differing = Object.keys(zh).filter(
      (key) => placeholders(zh[key as keyof typeof zh]).join() !== placeholders(en[key as keyof typeof en]).join(),
    );
    expect(differing).toEqual([]);
  });

  it('name every status and rating the server can send', () => {
    for (const status of CASE_STATUSES) expect(zh).toHaveProperty(`status.${status}`);
    for (const rating of RATINGS) expect(zh).toHaveProperty(`rating.${rating}`);
    expect(zh['status.pending']).toBe('待受理');
    expect(zh['status.rated']).toBe('已回访');
  });
});

describe('tracking codes', () => {
  it('are taken in lower case, with or without dashes and spaces', () => {
    expect(normalizeCode('7kxm3pq92ahd')).toBe('7KXM-3PQ9-2AHD');
    expect(normalizeCode(' 7KXM-3PQ9 2AHD ')).toBe('7KXM-3PQ9-2AHD');
  });

  it('refuse text that cannot be one (wrong length, I L O U)', () => {
    expect(normalizeCode('7KXM-3PQ9-2AH')).toBeNull();
    expect(normalizeCode('7KXM-3PQ9-2AHDX')).toBeNull();
    expect(normalizeCode('IKXM-3PQ9-2AHD')).toBeNull();
    expect(normalizeCode('UKXM-3PQ9-2AHD')).toBeNull();
    expect(normalizeCode('')).toBeNull();
  });

  it('are read from the status page path', () => {
    expect(codeFromPath('/report/7KXM-3PQ9-2AHD')).toBe('7KXM-3PQ9-2AHD');
    expect(codeFromPath('/report')).toBeNull();
    expect(codeFromPath('/report/a/b')).toBeNull();
  });
});

describe('photos chosen for a report', () => {
  const file = (name: string, size: number, type = 'image/jpeg') => new File([new Uint8Array(size)], name, { type });

  it('refuse a photo over 5 MB and a file that is not a JPEG, PNG or WebP, before any upload', () => {
    const { admitted, refused } = admitPhotos(0, [file('a.jpg', 5 * 1024 * 1024 + 1), file('b.gif', 10, 'image/gif'), file('c.png', 10, 'image/png')]);
    expect(admitted.map((f) => f.name)).toEqual(['c.png']);
    expect(refused.map((r) => r.reason)).toEqual(['tooLarge', 'wrongType']);
  });

  it('keep at most three in all', () => {
    const { admitted, refused } = admitPhotos(2, [file('a.jpg', 10), file('b.jpg', 10), file('c.webp', 10, 'image/webp')]);
    expect(admitted.map((f) => f.name)).toEqual(['a.jpg']);
    expect(refused).toEqual([{ reason: 'tooMany', extra: 2 }]);
  });

  it('show sizes as people read them', () => {
    expect(formatBytes(820 * 1024)).toBe('820 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatBytes(6.3 * 1024 * 1024)).toBe('6.3 MB');
  });
});

describe('a refused report', () => {
  const zh = reportText.texts['zh-CN'];
  const t = (key: keyof typeof zh, vars?: Record<string, string | number>) => fill(zh[key], vars);

  it('says to choose another place when it lies outside every grid', () => {
    expect(sendErrorText(new ApiError(404, 'OUTSIDE_GRIDS', '该位置不在任何网格内 (outside every grid)'), t)).toBe('该位置不在任何网格内，请在地图上重新选择。');
  });

  it('says how many minutes to wait when too many reports came from the address', () => {
    const limited = new ApiError(429, 'RATE_LIMITED', '提交太频繁 (too many reports)', { retryAfterSeconds: 1234 });
    expect(sendErrorText(limited, t)).toBe('提交太频繁，请 21 分钟后再试。');
    expect(sendErrorText(new ApiError(429, 'RATE_LIMITED', '提交太频繁 (too many reports)'), t)).toBe('提交太频繁，请稍后再试。');
  });
});
