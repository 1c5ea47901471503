import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../server/src/contract/cases.ts';
import { dueOf, dueText } from '../../client/src/features/mygrid/caseTiming.ts';
import { mygridText, type MygridKey } from '../../client/src/features/mygrid/strings.ts';
import { fill } from '../../client/src/i18n/namespace.ts';

// What a grid worker reads under each case: which deadline counts now, and how late or how
// close it is, in the two largest units.

const t = (key: MygridKey, vars?: Record<string, string | number>) => fill(mygridText.texts['zh-CN'][key], vars);
const NOW = Date.parse('2026-11-30T10:00:00Z');
const base = {
  status: 'pending',
  overdue: false,
  acceptDeadline: '2026-12-01T10:00:00Z',
  closeDeadline: '2026-12-07T10:00:00Z',
} as const;
const at = (c: Partial<CaseSummary>) => ({ ...base, ...c }) as CaseSummary;

describe('the deadline that applies', () => {
  it('is 受理 while pending, 办结 while accepted or in progress, none once ended', () => {
    expect(dueOf(at({ status: 'pending' }))?.kind).toBe('accept');
    expect(dueOf(at({ status: 'accepted' }))?.kind).toBe('close');
    expect(dueOf(at({ status: 'in_progress' }))?.deadline).toBe(base.closeDeadline);
    for (const status of ['closed', 'rated', 'rejected', 'merged'] as const) expect(dueOf(at({ status }))).toBeNull();
  });
});

describe('the urgency line', () => {
  it('says how long is left', () => {
    expect(dueText(at({}), NOW, t)).toBe('剩 1 天');
    expect(dueText(at({ acceptDeadline: '2026-11-30T15:30:00Z' }), NOW, t)).toBe('剩 5 小时');
    expect(dueText(at({ acceptDeadline: '2026-11-30T10:12:00Z' }), NOW, t)).toBe('剩 12 分钟');
  });

  it('says how late an overdue case is (days and hours)', () => {
    expect(dueText(at({ overdue: true, acceptDeadline: '2026-11-28T07:00:00Z' }), NOW, t)).toBe('已逾期 2 天 3 小时');
    expect(dueText(at({ status: 'in_progress', overdue: true, closeDeadline: '2026-11-30T06:00:00Z' }), NOW, t)).toBe('已逾期 4 小时');
  });

  it('trusts the server on overdue when the clocks disagree, and says nothing for an ended case', () => {
    expect(dueText(at({ overdue: true }), NOW, t)).toBe('已逾期');
    expect(dueText(at({ status: 'closed' }), NOW, t)).toBeNull();
  });
});
