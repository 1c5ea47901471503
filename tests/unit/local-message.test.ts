import { describe, expect, it } from 'vitest';
import { localMessage } from '../../client/src/i18n/localMessage.ts';

// Message shapes as the server writes them (server/src: new HttpError(…), rule violations).
const cases: { server: string; zh: string; en: string }[] = [
  { server: '用户名或密码错误 (wrong username or password)', zh: '用户名或密码错误', en: 'Wrong username or password' },
  {
    server: '网格超出社区边界 12 m² (the grid reaches outside its community)',
    zh: '网格超出社区边界 12 m²',
    en: 'The grid reaches outside its community',
  },
  {
    server: '网格已被他人修改 (the grid changed meanwhile): you edited version 3, the current one is 4',
    zh: '网格已被他人修改',
    en: 'The grid changed meanwhile: you edited version 3, the current one is 4',
  },
  { server: '没有这个区划 (no such region): 320213', zh: '没有这个区划：320213', en: 'No such region: 320213' },
  {
    server: '此操作需要以下角色之一 (requires one of the roles): planner, admin',
    zh: '此操作需要以下角色之一：planner, admin',
    en: 'Requires one of the roles: planner, admin',
  },
  { server: '用户名已存在 (username taken): t_admin_1f2e', zh: '用户名已存在：t_admin_1f2e', en: 'Username taken: t_admin_1f2e' },
  {
    server: '该位置不在本平台服务范围内（不在任何网格内）(the point is outside the service area: no grid contains it)',
    zh: '该位置不在本平台服务范围内（不在任何网格内）',
    en: 'The point is outside the service area: no grid contains it',
  },
  {
    server: '文件超过 20 MB (the file exceeds 20 MB): split it, e.g. one street per file',
    zh: '文件超过 20 MB',
    en: 'The file exceeds 20 MB: split it, e.g. one street per file',
  },
  {
    server: '与 2 个网格重叠 (overlaps other grids): 开启“调整相邻网格”或“裁剪到空白处” (turn on adjust neighbours or clip)',
    zh: '与 2 个网格重叠：开启“调整相邻网格”或“裁剪到空白处”',
    en: 'Overlaps other grids; turn on adjust neighbours or clip',
  },
  {
    server: '图形无效 (invalid geometry): Self-intersection[120.3 31.5] — 边界不能自相交 (a boundary must not cross itself)',
    zh: '图形无效：Self-intersection[120.3 31.5] — 边界不能自相交',
    en: 'Invalid geometry: Self-intersection[120.3 31.5]; a boundary must not cross itself',
  },
  {
    server: '登录失败次数过多，请 5 分钟后再试 (too many failed sign-ins)',
    zh: '登录失败次数过多，请 5 分钟后再试',
    en: 'Too many failed sign-ins',
  },
  { server: '请指定社区 (community) 或网格 (grid)', zh: '请指定社区或网格', en: '请指定社区 (community) 或网格 (grid)' },
  { server: 'No facility with id 7', zh: 'No facility with id 7', en: 'No facility with id 7' },
  { server: '服务繁忙，请稍后重试', zh: '服务繁忙，请稍后重试', en: '服务繁忙，请稍后重试' },
];

describe('localMessage: a bilingual server message in the UI language', () => {
  it.each(cases)('$server', ({ server, zh, en }) => {
    expect(localMessage(server, 'zh-CN')).toBe(zh);
    expect(localMessage(server, 'en')).toBe(en);
  });

  it('leaves no Chinese in English, and no English words in brackets in Chinese, where the server gave both', () => {
    for (const { server, zh, en } of cases.filter((c) => c.en !== c.server)) {
      expect(en, server).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
      expect(zh, server).not.toMatch(/\([^()]*[a-z][^()]*\)/);
    }
  });
});
