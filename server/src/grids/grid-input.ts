import { z } from 'zod';
import type { ErrorCode } from '../contract/error-codes.ts';
import type {
  CreateGridRequest,
  MergeGridsRequest,
  MergePreviewRequest,
  PreviewGridRequest,
  RestoreGridRequest,
  RetireGridRequest,
  RevertChangesetRequest,
  SplitGridRequest,
  SplitPreviewRequest,
  UpdateGridRequest,
} from '../contract/grids.ts';
import { INT4_MAX } from '../http/integers.ts';
import { communityCode } from '../http/query-params.ts';
import type { ReadsContract } from '../http/validate.ts';

// Request bodies of grid edits (see README.md, API): GeoJSON Features whose properties hold the
// editable fields, with the reason as the top-level member "note".

/** [lng, lat]; a third number (a height, as GPS and KML files carry) is accepted and dropped, as imports do. */
const position = z.array(z.number()).min(2).max(3).transform(([lng, lat]) => [lng!, lat!]);
const ring = z.array(position);
const polygon = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
const multiPolygon = z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) });
export const polygonal = z.discriminatedUnion('type', [polygon, multiPolygon]);
export type Polygonal = z.infer<typeof polygonal>;

export const lineString = z.strictObject({ type: z.literal('LineString'), coordinates: z.array(position).min(2) });
export type LineString = z.infer<typeof lineString>;

/** A grid id or version: PostgreSQL integers from 1. */
const serial = (what: string) => z.number().int(`${what} must be a whole number`).min(1, `${what} must be at least 1`).max(INT4_MAX, `${what} is out of range`);

const NOTE_RULE = 'note: say briefly why (至少 2 个字)';
const note = z.string({ error: NOTE_RULE }).trim().min(2, NOTE_RULE).max(500);
const count = z.number().int().min(0).max(1_000_000);
const text = (max: number) => z.string().trim().max(max);

const editableProperties = {
  name: text(100).min(1),
  households: count,
  population: count,
  leaderName: text(50).nullable(),
  leaderPhone: z.string().trim().regex(/^[0-9+\-() ]{3,30}$/, 'leaderPhone: digits, spaces and + - ( ) only').nullable(),
};

const flags = {
  adjustNeighbours: z.boolean().default(false),
  clip: z.boolean().default(false),
  /** Versions of neighbours the client saw; a neighbour changed since → 409. */
  neighbourVersions: z.record(z.string().regex(/^\d+$/), serial('version')).optional(),
};

export const createGridBody = z.strictObject({
  type: z.literal('Feature'),
  geometry: polygonal,
  properties: z.strictObject({
    ...editableProperties,
    // Left out: estimated from the area the new grid takes from its neighbours (0 in a gap).
    households: count.optional(),
    population: count.default(0),
    leaderName: editableProperties.leaderName.default(null),
    leaderPhone: editableProperties.leaderPhone.default(null),
    communityCode: communityCode('communityCode'),
  }),
  note,
  ...flags,
});

/** An update's properties: what changes (absent keeps the value) and the version it was made from. */
const changedProperties = z.strictObject({
  name: editableProperties.name.optional(),
  households: count.optional(),
  population: count.optional(),
  leaderName: editableProperties.leaderName.optional(),
  leaderPhone: editableProperties.leaderPhone.optional(),
  communityCode: communityCode('communityCode').optional(),
  version: serial('version').optional(),
});

export const updateGridBody = z.strictObject({
  type: z.literal('Feature'),
  geometry: polygonal.nullable(),
  properties: changedProperties,
  note,
  ...flags,
});

/** A dry run of a create (no `id`) or of an update of grid `id`; the note is optional here. */
export const previewGridBody = z.strictObject({
  type: z.literal('Feature'),
  id: serial('id').optional(),
  geometry: polygonal,
  properties: changedProperties,
  note: note.optional(),
  ...flags,
});

/** `version`: the version the planner split (or send it as If-Match). */
export const splitBody = z.strictObject({ line: lineString, note, name: text(100).min(1).optional(), version: serial('version').optional() });
/** `versions`: the versions of `ids` the planner merged, in the same order. */
export const mergeBody = z.strictObject({
  ids: z.tuple([serial('id'), serial('id')]),
  versions: z.tuple([serial('version'), serial('version')]).optional(),
  note,
  name: text(100).min(1).optional(),
});
/** The dry runs of a split and a merge: the same bodies, the note may be left out. */
export const splitPreviewBody = splitBody.extend({ note: note.optional() });
export const mergePreviewBody = mergeBody.extend({ note: note.optional() });
/** `version`: the earlier version to bring back; the current one the planner saw comes as If-Match. */
export const restoreBody = z.strictObject({ version: serial('version'), note, ...flags });
/** `version`: the version the planner retired (or send it as If-Match). */
export const retireBody = z.strictObject({ note, version: serial('version').optional() });
/** Undo a whole changeset; the dry run may leave the note out. */
export const revertBody = z.strictObject({ note });
export const revertPreviewBody = z.strictObject({ note: note.optional() });

// The bodies above are the contract's requests (a mismatch fails to compile).
const contractChecks: [
  ReadsContract<typeof createGridBody, CreateGridRequest>,
  ReadsContract<typeof updateGridBody, UpdateGridRequest>,
  ReadsContract<typeof previewGridBody, PreviewGridRequest>,
  ReadsContract<typeof splitBody, SplitGridRequest>,
  ReadsContract<typeof mergeBody, MergeGridsRequest>,
  ReadsContract<typeof restoreBody, RestoreGridRequest>,
  ReadsContract<typeof retireBody, RetireGridRequest>,
  ReadsContract<typeof revertBody, RevertChangesetRequest>,
  ReadsContract<typeof splitPreviewBody, SplitPreviewRequest>,
  ReadsContract<typeof mergePreviewBody, MergePreviewRequest>,
] = [true, true, true, true, true, true, true, true, true, true];
void contractChecks;

export const MAX_VERTICES = 5000;

export type Validation = { valid: true } | { valid: false; code: ErrorCode; reason: string };

/** Ranges, closed rings and size: what GeoJSON's shape alone does not say. */
export function checkPolygonal(g: Polygonal): Validation {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let vertices = 0;
  for (const poly of polygons) {
    for (const r of poly) {
      vertices += r.length;
      if (r.length < 4) return invalid('a ring needs at least 4 positions (3 corners and the first again)');
      const first = r[0]!;
      const last = r[r.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) return invalid('a ring is not closed: its last position must repeat the first');
      for (const [lng, lat] of r as [number, number][]) {
        if (!(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90)) return invalid(`coordinate out of range: ${lng}, ${lat}`);
      }
    }
  }
  if (vertices > MAX_VERTICES) {
    return { valid: false, code: 'TOO_MANY_VERTICES', reason: `${vertices} vertices; at most ${MAX_VERTICES} (simplify the shape)` };
  }
  return { valid: true };
}

export function checkLine(line: LineString): Validation {
  if (line.coordinates.length > MAX_VERTICES) return { valid: false, code: 'TOO_MANY_VERTICES', reason: `at most ${MAX_VERTICES} vertices` };
  for (const [lng, lat] of line.coordinates as [number, number][]) {
    if (!(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90)) return invalid(`coordinate out of range: ${lng}, ${lat}`);
  }
  return { valid: true };
}

function invalid(reason: string): Validation {
  return { valid: false, code: 'INVALID_GEOMETRY', reason };
}
