// 民情反馈: what residents report (/api/reports, public) and how staff follow the cases
// (/api/cases, signed in). Part of the contract: no server dependencies.

import type { Crs } from './crs.ts';

/** pending 待受理, accepted 已受理, in_progress 处置中, closed 已办结, rated 已回访, rejected 退回/不予受理, merged 已合并. */
export const CASE_STATUSES = ['pending', 'accepted', 'in_progress', 'closed', 'rated', 'rejected', 'merged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The statuses a grid still has to act on. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['pending', 'accepted', 'in_progress'];

/** 满意, 基本满意, 不满意. */
export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** Limits the server enforces (and the report page shows). */
export const REPORT_LIMITS = {
  descriptionMax: 500,
  photosMax: 3,
  photoBytesMax: 5 * 1024 * 1024,
  /** Photos are taken this long after the report was made. */
  photoWindowMinutes: 30,
  /** Reports from one address per hour. */
  reportsPerHour: 10,
  /** A duplicate lies this close to the case it repeats, */
  duplicateMetres: 50,
  /** and was reported this many days apart at most. */
  duplicateDays: 7,
  /** The reporter's phone is removed this long after the case was closed. */
  phoneKeptDays: 180,
} as const;

/** GET /api/report-categories: `{ categories }`, in the order the report page lists them. */
export interface ReportCategory {
  id: string;
  name: string;
  /** Working days to accept (受理) a case. */
  acceptDays: number;
  /** Working days to close (办结) it. */
  closeDays: number;
}

/** POST /api/reports. `crs` defaults to wgs84. */
export interface NewReport {
  category: string;
  description: string;
  lng: number;
  lat: number;
  crs?: Crs;
  /** For a call back: 11-digit mobile or a landline; seen only by the grid's workers and their supervisors. */
  phone?: string;
}

/** POST /api/reports answers 201 with this. */
export interface CreatedReport {
  /** The tracking code, e.g. `7KXM-3PQ9-2AHD`: random, neither guessable nor sequential. */
  code: string;
  status: CaseStatus;
  gridCode: string;
  communityCode: string;
  /** The public status page, e.g. `/report/7KXM-3PQ9-2AHD`. */
  statusUrl: string;
  /** Until when photos may be added (ISO). */
  photosUntil: string;
}

/** One step as the public sees it: no actor, no note. */
export interface PublicTimelineStep {
  status: CaseStatus;
  at: string;
}

/** GET /api/reports/:code: nothing personal (no phone, no notes, no staff beyond the grid's public leader). */
export interface ReportStatus {
  code: string;
  category: string;
  categoryName: string;
  status: CaseStatus;
  gridCode: string;
  gridName: string;
  communityName: string;
  /** The grid leader's name as the public finder shows it; null when the grid has none. */
  gridLeader: string | null;
  createdAt: string;
  /** The 办结 deadline (ISO). */
  deadline: string;
  acceptDeadline: string;
  timeline: PublicTimelineStep[];
  photoCount: number;
  rating: Rating | null;
  /** Whether the resident may rate it now (closed and not yet rated). */
  canRate: boolean;
}

/** POST /api/reports/:code/rating. Answers with the ReportStatus. */
export interface NewRating {
  rating: Rating;
  comment?: string;
}

// ---- Staff ----

/** A case in a staff list (inbox, oversight). */
export interface CaseSummary {
  id: number;
  code: string;
  category: string;
  categoryName: string;
  /** First 80 characters of the description. */
  excerpt: string;
  status: CaseStatus;
  version: number;
  gridId: number;
  gridCode: string;
  gridName: string;
  /** The grid it is being handed to (转派) until that grid accepts; null otherwise. */
  transferTo: { gridId: number; gridCode: string; gridName: string } | null;
  escalation: 'community' | 'street' | null;
  lng: number;
  lat: number;
  createdAt: string;
  acceptDeadline: string;
  closeDeadline: string;
  /** Past the deadline that applies to its status now (accept while pending, close while open). */
  overdue: boolean;
  photoCount: number;
}

/** One step as staff see it. */
export interface CaseEvent {
  id: number;
  kind: CaseEventKind;
  status: CaseStatus;
  at: string;
  /** Username; null for the resident and the system. */
  actor: string | null;
  actorName: string | null;
  note: string | null;
  details: Record<string, unknown> | null;
}

export const CASE_EVENT_KINDS = [
  'created', 'accepted', 'started', 'closed', 'rated', 'rejected', 'transferred', 'transfer_accepted', 'transfer_declined',
  'merged', 'escalated', 'reassigned', 'note', 'phone_purged',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** GET /api/cases/:id. The phone is not here: GET /api/cases/:id/phone (audited). */
export interface CaseDetail extends CaseSummary {
  description: string;
  communityCode: string;
  communityName: string;
  /** The Party branch (or group) of the grid; null when none. */
  partyOrg: string | null;
  hasPhone: boolean;
  mergedInto: string | null;
  rating: Rating | null;
  ratingComment: string | null;
  photos: { seq: number; url: string; width: number; height: number }[];
  events: CaseEvent[];
  /** What the signed-in account may do with it now. */
  actions: CaseAction[];
}

/** POST /api/cases/:id/actions body's `action`. */
export const CASE_ACTIONS = [
  'accept', 'start', 'close', 'reject', 'transfer', 'accept_transfer', 'decline_transfer', 'merge', 'reassign', 'note',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * POST /api/cases/:id/actions: `{ action, version, note?, toGridCode?, intoCode? }`; answers with
 * the CaseDetail, or 409 VERSION_CONFLICT when `version` is not the case's version. `note` is
 * required for close, reject, transfer, decline_transfer and note; `toGridCode` for transfer and
 * reassign; `intoCode` for merge.
 */
export interface CaseActionRequest {
  action: CaseAction;
  version: number;
  note?: string;
  toGridCode?: string;
  intoCode?: string;
}

/** GET /api/cases/:id/phone (audited). */
export interface CasePhone {
  phone: string | null;
}

/** Server-sent events at GET /api/cases/events: `event: case` with this as data. */
export interface CaseFeedEvent {
  caseId: number;
  code: string;
  kind: CaseEventKind;
  status: CaseStatus;
  /** The grid answering for the case after the event. */
  gridCode: string;
  /** Another grid the event concerns, whose workers are told too: where a transfer goes, or the grid the case left. */
  otherGridCode?: string;
}
