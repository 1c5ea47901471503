import { describe, expect, it } from 'vitest';
import type { Impact } from '../../client/src/api/gridEditTypes.ts';
import { impactSentences } from '../../client/src/features/planner/impactText.ts';
import { plannerText, type PlannerText } from '../../client/src/features/planner/strings.ts';
import { fill, type Lang } from '../../client/src/i18n/namespace.ts';

// The planner's impact preview names the open cases (民情) an edit hands to another grid next to
// the members and stations it moves, and those it leaves in no grid.

function text(lang: Lang): PlannerText {
  return {
    t: (key, vars) => fill(plannerText.texts[lang][key], vars),
    lang,
    num: (n) => String(n),
    date: (iso) => iso,
  };
}

const a = { id: 1, code: '320213021001001', name: '胜利门社区第1网格' };
const b = { id: 2, code: '320213021001009', name: '胜利门社区第9网格' };
const impact: Impact = {
  moves: [
    { from: a, to: b, members: 12, facilities: 1, buildings: 0, households: 30, population: 0, cases: 3 },
    { from: b, to: null, members: { fewerThan: 5 }, facilities: 0, buildings: 0, households: 0, population: 0, cases: 1 },
  ],
  grids: [],
  target: { min: 300, max: 500, maxDeviation: 0.25, from: 'default' },
};

describe('the impact sentences', () => {
  it('say how many open cases another grid will handle, and which are escalated for want of a grid', () => {
    const zh = impactSentences(impact, text('zh-CN'));
    expect(zh).toContain('3 件未办结民情将改由“胜利门社区第9网格”处理（原属“胜利门社区第1网格”）');
    expect(zh).toContain('1 件未办结民情所在位置将不属于任何网格，仍由“胜利门社区第9网格”负责并上报社区');
    const en = impactSentences(impact, text('en'));
    expect(en).toContain('3 open cases will be handled by grid “胜利门社区第9网格” instead of grid “胜利门社区第1网格”');
  });

  it('give the buildings that move with their exact households and residents, and call households without buildings an estimate', () => {
    const moved: Impact = { ...impact, moves: [{ from: a, to: b, members: 0, facilities: 0, buildings: 3, households: 126, population: 318, cases: 0 }] };
    expect(impactSentences(moved, text('zh-CN'))).toEqual(['将有 3 栋楼（126 户，318 人）从“胜利门社区第1网格”移入“胜利门社区第9网格”']);
    expect(impactSentences(moved, text('en'))).toEqual(['3 buildings (126 households, 318 residents) will move from grid “胜利门社区第1网格” to grid “胜利门社区第9网格”']);
    const estimated: Impact = { ...impact, moves: [{ ...moved.moves[0]!, buildings: 0, households: 20, population: 50 }] };
    expect(impactSentences(estimated, text('zh-CN'))).toEqual(['将有约 20 户从“胜利门社区第1网格”移入“胜利门社区第9网格”']);
  });

  it('say nothing of cases where none move', () => {
    const none = impactSentences({ ...impact, moves: [{ ...impact.moves[0]!, cases: 0 }] }, text('zh-CN'));
    expect(none.some((line) => line.includes('民情'))).toBe(false);
    expect(none).toHaveLength(1);
  });
});
