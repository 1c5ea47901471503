import crypto from 'node:crypto';
import { addWorkingDays } from '../cases/deadlines.ts';
import type { CaseStatus, Rating } from '../contract/cases.ts';
import { CLOSE_NOTES, DECLINE_NOTES, DESCRIPTIONS, RATING_COMMENTS, REJECT_NOTES, TRANSFER_NOTES } from './demo-case-texts.ts';

// The demo cases, planned in memory from a fixed seed relative to the load time: each case walks
// the workflow (created → accepted → started → closed → rated, or rejected, merged, handed over)
// with plausible delays, stopping where the load time cuts it; escalations happen where the
// sweeper would have made them. The database then places them (demo-cases.ts).

export const DEMO_CASE_SEED = 20261116;
const DEMO_CASE_COUNT = 420;
const DAYS_BACK = 90;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** China Standard Time, for reports made in waking hours. */
const CST = 8 * HOUR;
/** The sweeper runs every minute: an escalation comes at most this long after the deadline. */
const SWEEP_MS = 60_000;

export interface DemoCategory {
  id: string;
  acceptDays: number;
  closeDays: number;
}

/** Where a case lies: a grid drawn from the current grids whose code starts with `prefix` (u ∈ [0, 1) picks one). */
export interface GridPick {
  prefix: string;
  u: number;
}

export interface PlannedEvent {
  kind: 'created' | 'accepted' | 'started' | 'closed' | 'rated' | 'rejected' | 'transferred' | 'transfer_accepted' | 'transfer_declined' | 'merged' | 'escalated';
  at: string;
  /** The case's status after the event. */
  status: CaseStatus;
  /** Done by the staff of the grid (a worker, else a supervisor); otherwise by the resident or the system. */
  staff: boolean;
  /** The grid after the event is the one the case was handed to (转派 accepted). */
  onTarget: boolean;
  note: string | null;
  level: 'community' | 'street' | null;
  rating: Rating | null;
}

export interface PlannedCase {
  idx: number;
  code: string;
  category: string;
  description: string;
  phone: string | null;
  prefix: string;
  u: number;
  /** Seed for the point inside the grid (ST_GeneratePoints). */
  seed: number;
  /** A duplicate: the idx of the case it repeats, and its offset from that case's point in metres. */
  base: number | null;
  dx: number;
  dy: number;
  /** 转派: none, still pending (transfer_grid_id set), accepted (the case moved) or declined. */
  transfer: 'none' | 'pending' | 'accepted' | 'declined';
  status: CaseStatus;
  escalation: 'community' | 'street' | null;
  rating: Rating | null;
  ratingComment: string | null;
  createdAt: string;
  acceptDeadline: string;
  closeDeadline: string;
  acceptedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  version: number;
  events: PlannedEvent[];
}

/** mulberry32: a small seeded generator, the same numbers on every load. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking code as reports get them: random (not from the seed, so nobody can work demo codes out), XXXX-XXXX-XXXX. */
function trackingCode(): string {
  const chars = Array.from({ length: 12 }, () => CROCKFORD[crypto.randomInt(CROCKFORD.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/**
 * Plans the demo cases as of `now`. `workerGrids`: grids of the demo grid workers, which get a
 * good share so 我的网格 has work; `street`: the street that gets a larger share (its scorecard
 * has something to count); the rest spread over the district.
 */
export function planDemoCases(now: Date, categories: DemoCategory[], area: { district: string; street: string; workerGrids: string[] }, seed = DEMO_CASE_SEED): PlannedCase[] {
  const rand = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
  const nowMs = now.getTime();
  const codes = new Set<string>();
  const cases: PlannedCase[] = [];

  for (let idx = 0; idx < DEMO_CASE_COUNT; idx++) {
    let code = trackingCode();
    while (codes.has(code)) code = trackingCode();
    codes.add(code);

    // A duplicate of an earlier case of the last 7 days that was neither merged nor refused.
    const bases = cases.filter((c) => c.base === null && !['merged', 'rejected'].includes(c.status) && c.transfer !== 'accepted');
    const base = rand() < 0.06 && bases.length > 0 ? pick(bases.slice(-20)) : null;

    const category = base ? categories.find((c) => c.id === base.category)! : pick(categories);
    const createdMs = base ? Math.min(Date.parse(base.createdAt) + between(2 * HOUR, 5 * DAY), nowMs - 10 * 60_000) : reportTime(rand, nowMs);
    const created = new Date(createdMs);
    const acceptDeadline = addWorkingDays(created, category.acceptDays).getTime();
    const closeDeadline = addWorkingDays(created, category.closeDays).getTime();

    const gridRoll = rand();
    const grid: GridPick = base
      ? { prefix: base.prefix, u: base.u }
      : area.workerGrids.length > 0 && gridRoll < 0.16
        ? { prefix: pick(area.workerGrids), u: 0 }
        : { prefix: gridRoll < 0.4 ? area.street : area.district, u: rand() };

    const timeline = new Timeline(createdMs, nowMs);
    let transfer: PlannedCase['transfer'] = 'none';
    let rating: Rating | null = null;
    let ratingComment: string | null = null;

    if (base) {
      timeline.step('merged', createdMs + between(0.5 * HOUR, 6 * HOUR), 'merged', true, `与 ${base.code} 反映的是同一问题，已合并办理`);
    } else {
      // 转派: handed to the neighbouring grid before anyone accepted it.
      const transferRoll = rand();
      const lastWeek = createdMs > nowMs - 7 * DAY;
      let onTarget = false;
      if (transferRoll < (lastWeek ? 0.3 : 0.06) && timeline.step('transferred', createdMs + between(0.5 * HOUR, 4 * HOUR), 'pending', true, pick(TRANSFER_NOTES))) {
        const answerAt = timeline.last + between(1 * HOUR, 2 * DAY);
        const answer = rand();
        // Most of the last week's hand-overs are still waiting for the other grid.
        if (answerAt > nowMs || (lastWeek && answer > 0.3)) transfer = 'pending';
        else if (answer < 0.55) {
          transfer = 'accepted';
          onTarget = true;
          timeline.step('transfer_accepted', answerAt, 'accepted', true, null, { onTarget });
        } else {
          transfer = 'declined';
          timeline.step('transfer_declined', answerAt, 'pending', true, pick(DECLINE_NOTES));
        }
      }
      const outcome = rand();
      const stuckYoung = createdMs > nowMs - 25 * DAY;
      const stuck = stuckYoung && outcome > 0.85 ? Math.floor(rand() * 3) : null; // 0 pending, 1 accepted, 2 in progress
      const lateAccept = rand() < 0.1;
      const lateClose = rand() < 0.15;
      const opts = { onTarget };
      if (transfer === 'pending') {
        // Waits for the other grid.
      } else if (outcome < 0.05) {
        timeline.step('rejected', createdMs + between(1 * HOUR, Math.max(2 * HOUR, (acceptDeadline - createdMs) * 0.8)), 'rejected', true, pick(REJECT_NOTES), opts);
      } else if (stuck !== 0) {
        const acceptAt = transfer === 'accepted'
          ? timeline.last
          : lateAccept
            ? acceptDeadline + between(2 * HOUR, 2 * DAY)
            : Math.max(timeline.last, createdMs) + between(0.2, 0.9) * (acceptDeadline - Math.max(timeline.last, createdMs));
        const accepted = transfer === 'accepted' || timeline.step('accepted', acceptAt, 'accepted', true, null, opts);
        if (accepted && outcome < 0.08) {
          timeline.step('rejected', timeline.last + between(2 * HOUR, 1 * DAY), 'rejected', true, pick(REJECT_NOTES), opts);
        } else if (accepted && stuck !== 1) {
          const started = timeline.step('started', timeline.last + between(0.5 * HOUR, 30 * HOUR), 'in_progress', true, null, opts);
          if (started && stuck !== 2) {
            const closeAt = lateClose
              ? closeDeadline + between(2 * HOUR, 3 * DAY)
              : timeline.last + between(0.1, 0.9) * Math.max(2 * HOUR, closeDeadline - timeline.last);
            const closed = timeline.step('closed', closeAt, 'closed', true, pick(CLOSE_NOTES[category.id] ?? CLOSE_NOTES['other']!), opts);
            if (closed && rand() < 0.65) {
              const r = rand();
              rating = lateClose ? (r < 0.4 ? 'dissatisfied' : 'basically_satisfied') : r < 0.7 ? 'satisfied' : r < 0.93 ? 'basically_satisfied' : 'dissatisfied';
              if (timeline.step('rated', timeline.last + between(0.5 * HOUR, 3 * DAY), 'rated', false, null, { ...opts, rating })) {
                ratingComment = rand() < 0.5 ? pick(RATING_COMMENTS[rating]) : null;
              } else rating = null;
            }
          }
        }
      }
    }
    const escalation = timeline.escalate(acceptDeadline, closeDeadline);
    const events = timeline.events;
    const last = events[events.length - 1]!;
    const firstAt = (...kinds: PlannedEvent['kind'][]) => events.find((e) => kinds.includes(e.kind))?.at ?? null;
    cases.push({
      idx,
      code,
      category: category.id,
      description: base ? `${base.description}${pick(['，之前邻居也反映过', '，好几户都看到了', '，再反映一次'])}` : pick(DESCRIPTIONS[category.id] ?? DESCRIPTIONS['other']!),
      // Like every demo phone, in a range no real number uses (100…), so a tap on 拨打 reaches nobody.
      phone: rand() < 0.3 ? `100${String(Math.floor(rand() * 100_000_000)).padStart(8, '0')}` : null,
      prefix: grid.prefix,
      u: grid.u,
      seed: 1 + Math.floor(rand() * 2_000_000_000),
      base: base ? base.idx : null,
      dx: base ? between(-25, 25) : 0,
      dy: base ? between(-25, 25) : 0,
      transfer,
      status: timeline.status,
      escalation,
      rating,
      ratingComment,
      createdAt: created.toISOString(),
      acceptDeadline: new Date(acceptDeadline).toISOString(),
      closeDeadline: new Date(closeDeadline).toISOString(),
      acceptedAt: firstAt('accepted', 'transfer_accepted'),
      closedAt: firstAt('closed', 'rejected', 'merged'),
      updatedAt: last.at,
      // Each step but the sweeper's escalations counts a version (escalate-to-*.sql keep it).
      version: events.filter((e) => e.kind !== 'escalated').length,
      events,
    });
  }
  return cases;
}

/** A report time in the last 90 days (more of them recent), in waking hours in China. */
function reportTime(rand: () => number, nowMs: number): number {
  for (;;) {
    const daysAgo = Math.floor(DAYS_BACK * rand() ** 1.4);
    const dayStart = Math.floor((nowMs + CST) / DAY) * DAY - CST - daysAgo * DAY;
    const at = dayStart + 7 * HOUR + rand() * 15 * HOUR;
    if (at < nowMs - 5 * 60_000) return Math.round(at);
  }
}

/** A case's events in time order, none after the load time. */
class Timeline {
  readonly events: PlannedEvent[] = [];
  status: CaseStatus = 'pending';
  onTarget = false;

  constructor(createdMs: number, private readonly nowMs: number) {
    this.events.push(event('created', createdMs, 'pending', false, false, null));
  }

  get last(): number {
    return Date.parse(this.events[this.events.length - 1]!.at);
  }

  /** Adds the step unless its time is still to come; answers whether it happened. */
  step(kind: PlannedEvent['kind'], atMs: number, status: CaseStatus, staff: boolean, note: string | null, opts: { onTarget?: boolean; rating?: Rating | null } = {}): boolean {
    const at = Math.max(Math.round(atMs), this.last + 60_000);
    if (at > this.nowMs) return false;
    this.status = status;
    if (opts.onTarget) this.onTarget = true;
    this.events.push({ ...event(kind, at, status, staff, this.onTarget, note), rating: opts.rating ?? null });
    return true;
  }

  /**
   * The sweeper's escalations, each a minute after the deadline the case was still open at: to
   * the community when still pending at the accept deadline, to the street when still open at
   * the close deadline. Answers the escalation the case has.
   */
  escalate(acceptDeadline: number, closeDeadline: number): 'community' | 'street' | null {
    let escalation: 'community' | 'street' | null = null;
    // The latest step by then (an escalation added below included).
    const statusAt = (ms: number) => {
      let e = this.events[0]!;
      for (const x of this.events) if (Date.parse(x.at) <= ms && Date.parse(x.at) >= Date.parse(e.at)) e = x;
      return e;
    };
    const open = (s: CaseStatus) => s === 'pending' || s === 'accepted' || s === 'in_progress';
    const add = (ms: number, level: 'community' | 'street') => {
      const before = statusAt(ms);
      this.events.push({ ...event('escalated', ms, before.status, false, before.onTarget, null), level });
      escalation = level;
    };
    const communityAt = acceptDeadline + SWEEP_MS;
    if (communityAt <= this.nowMs && statusAt(communityAt).status === 'pending') add(communityAt, 'community');
    const streetAt = closeDeadline + SWEEP_MS;
    if (streetAt <= this.nowMs && open(statusAt(streetAt).status)) add(streetAt, 'street');
    this.events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return escalation;
  }
}

function event(kind: PlannedEvent['kind'], atMs: number, status: CaseStatus, staff: boolean, onTarget: boolean, note: string | null): PlannedEvent {
  return { kind, at: new Date(atMs).toISOString(), status, staff, onTarget, note, level: null, rating: null };
}
