import { OPEN_CASE_STATUSES, type CaseAction, type CaseEventKind, type CaseStatus } from '../contract/cases.ts';
import type { CaseReach } from './case-reach.ts';

/** The state an action is checked against. */
export interface CaseState {
  status: CaseStatus;
  transferGridId: number | null;
}

interface Rule {
  /** Who may: answers for the case's grid, supervises it, or receives its transfer. */
  who: 'acts' | 'supervises' | 'receives';
  /** The statuses it may start from (the transition's "from"). */
  from: readonly CaseStatus[];
  /** A transfer must be pending (true), must not be (false), or either (undefined). */
  transfer?: boolean;
  /** The status after; undefined keeps it. */
  to?: CaseStatus;
  kind: CaseEventKind;
  needsNote: boolean;
}

const ALL = ['pending', 'accepted', 'in_progress', 'closed', 'rated', 'rejected', 'merged'] as const satisfies readonly CaseStatus[];

/** The workflow (the table in the design): from which status, by whom, to which status. */
export const CASE_RULES: Record<CaseAction, Rule> = {
  accept: { who: 'acts', from: ['pending'], to: 'accepted', kind: 'accepted', needsNote: false },
  start: { who: 'acts', from: ['accepted'], to: 'in_progress', kind: 'started', needsNote: false },
  close: { who: 'acts', from: ['accepted', 'in_progress'], to: 'closed', kind: 'closed', needsNote: true },
  reject: { who: 'acts', from: ['pending', 'accepted'], to: 'rejected', kind: 'rejected', needsNote: true },
  transfer: { who: 'acts', from: OPEN_CASE_STATUSES, transfer: false, kind: 'transferred', needsNote: true },
  accept_transfer: { who: 'receives', from: OPEN_CASE_STATUSES, transfer: true, to: 'accepted', kind: 'transfer_accepted', needsNote: false },
  decline_transfer: { who: 'receives', from: OPEN_CASE_STATUSES, transfer: true, kind: 'transfer_declined', needsNote: true },
  merge: { who: 'acts', from: OPEN_CASE_STATUSES, to: 'merged', kind: 'merged', needsNote: false },
  reassign: { who: 'supervises', from: OPEN_CASE_STATUSES, kind: 'reassigned', needsNote: false },
  note: { who: 'acts', from: ALL, kind: 'note', needsNote: true },
};

/** Whether the account is the one for the action (whatever the case's state). */
export function mayDo(action: CaseAction, reach: CaseReach): boolean {
  return reach[CASE_RULES[action].who];
}

/** Why the action does not fit the case's state now, or null when it does. */
export function stateRefusal(action: CaseAction, state: CaseState): string | null {
  const rule = CASE_RULES[action];
  if (!rule.from.includes(state.status)) return `案件状态为 ${STATUS_NAMES[state.status]}，不能${ACTION_NAMES[action]} (the case is ${state.status}: ${action} is not possible)`;
  const pending = state.transferGridId !== null;
  if (rule.transfer === true && !pending) return `该案件没有待接收的转派 (no transfer is pending): ${action} is not possible`;
  if (rule.transfer === false && pending) return `该案件已在转派中，请等待对方网格接收或退回 (a transfer is already pending): ${action} is not possible`;
  return null;
}

/** What the account may do with the case now (CaseDetail.actions). */
export function possibleActions(reach: CaseReach, state: CaseState): CaseAction[] {
  return (Object.keys(CASE_RULES) as CaseAction[]).filter((a) => mayDo(a, reach) && stateRefusal(a, state) === null);
}

export const STATUS_NAMES: Record<CaseStatus, string> = {
  pending: '待受理',
  accepted: '已受理',
  in_progress: '处置中',
  closed: '已办结',
  rated: '已回访',
  rejected: '退回/不予受理',
  merged: '已合并',
};

export const ACTION_NAMES: Record<CaseAction, string> = {
  accept: '受理',
  start: '开始处置',
  close: '办结',
  reject: '退回',
  transfer: '转派',
  accept_transfer: '接收转派',
  decline_transfer: '退回转派',
  merge: '合并',
  reassign: '改派',
  note: '备注',
};
