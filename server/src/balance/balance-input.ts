import { z } from 'zod';
import { INT4_MAX } from '../http/integers.ts';

// Request bodies of the balance routes, checked at the HTTP edge.

const id = z.number().int().min(1).max(INT4_MAX);
const gridVersions = z.record(z.string().regex(/^\d{1,10}$/, 'gridVersions keys are grid ids'), z.number().int().min(1).max(INT4_MAX));
const note = z.string().trim().min(2, 'note: at least 2 characters').max(1000);

/** At most this many buildings in one request (a whole community's rebalance fits). */
export const MAX_MOVES = 5000;

export const buildingMovesBody = z.object({
  moves: z.array(z.object({ buildingId: id, toGridId: id }).strict()).min(1).max(MAX_MOVES),
  gridVersions,
  note,
  kind: z.enum(['assign', 'rebalance']).optional(),
}).strict();

export const buildingMovesPreviewBody = buildingMovesBody.extend({ note: note.optional() });

/** Numbers only here; whether they make a sensible target is judged after (422 BAD_TARGET). */
export const sizeTargetBody = z.object({ min: z.number(), max: z.number(), maxDeviation: z.number() }).strict();

export const rebalanceBody = z.object({}).strict();

export const draftDivisionBody = z.object({ k: z.number().int().min(1).max(999).optional() }).strict();

export const acceptDraftBody = z.object({
  grids: z.array(z.object({ name: z.string().trim().min(1).max(100).optional(), buildingIds: z.array(id).min(1).max(MAX_MOVES) }).strict()).min(1).max(999),
  gridVersions,
  note,
}).strict();
