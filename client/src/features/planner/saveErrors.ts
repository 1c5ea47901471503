import type { GridAttributes, Polygonal, Violation } from '../../api/gridEditTypes';
import { ApiError } from '../../api/http';
import type { GridFeature } from '../../api/types';
import { currentLang } from '../../i18n/currentLang';
import { joinClauses } from '../../i18n/join';
import { localMessage } from '../../i18n/localMessage';
import type { Conflict, ConflictRow } from './ConflictDialog';
import type { PlannerText } from './strings';

// What a refused save means for the planner: a newer version (their version against mine), a
// changed neighbour, broken rules, or any other failure as one line.

export type SaveFailure =
  | { kind: 'conflict'; conflict: Conflict; theirs: Polygonal | null; mine: Polygonal | null }
  | { kind: 'rules'; violations: Violation[] }
  | { kind: 'other'; text: string };

interface Details {
  violations?: Violation[];
  current?: GridFeature | null;
  grids?: { id: number }[];
}

/** What the save was: needed to set their version against mine. */
export interface SaveAttempt {
  grid: GridFeature | null;
  /** The shape being saved, when the edit changes one. */
  mine: Polygonal | null;
  /** The attributes being saved, when the form is valid. */
  attributes: (Partial<GridAttributes> & { name: string }) | null;
  baseVersion: number | null;
  grids: GridFeature[];
}

function attributeRows(theirs: GridFeature, mine: Partial<GridAttributes> & { name: string }, { t }: PlannerText): ConflictRow[] {
  const shown = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? t('none') : String(v));
  const fields: [string, string | number | null, string | number | null | undefined][] = [
    [t('name'), theirs.properties.name, mine.name],
    [t('households'), theirs.properties.households, mine.households],
    [t('population'), theirs.properties.population, mine.population],
    [t('leaderName'), theirs.properties.leaderName, mine.leaderName],
    [t('leaderPhone'), theirs.properties.leaderPhone, mine.leaderPhone],
  ];
  return fields.filter(([, a, b]) => shown(a) !== shown(b)).map(([label, a, b]) => ({ label, theirs: shown(a), mine: shown(b) }));
}

function versionConflict(theirs: GridFeature | null, attempt: SaveAttempt, text: PlannerText): SaveFailure {
  const mine = attempt.mine ?? attempt.grid?.geometry ?? null;
  const conflict: Conflict = {
    kind: 'version',
    name: theirs?.properties.name ?? attempt.grid?.properties.name ?? '',
    mine: attempt.baseVersion ?? 0,
    theirs: theirs?.properties.version ?? 0,
    rows: theirs && attempt.attributes ? attributeRows(theirs, attempt.attributes, text) : [],
    shapeDiffers: JSON.stringify(theirs?.geometry ?? null) !== JSON.stringify(mine),
  };
  return { kind: 'conflict', conflict, theirs: theirs?.geometry ?? null, mine };
}

export function describeFailure(err: unknown, attempt: SaveAttempt, text: PlannerText): SaveFailure {
  const { t } = text;
  if (!(err instanceof ApiError)) return { kind: 'other', text: t('errorPrefix', { message: err instanceof Error ? err.message : String(err) }) };
  const details = (err.details ?? {}) as Details;
  if (err.status === 409 && err.code === 'VERSION_CONFLICT' && details.current !== undefined) return versionConflict(details.current, attempt, text);
  if (err.status === 409 && err.code === 'NEIGHBOUR_CHANGED') {
    const changed = new Set((details.grids ?? []).map((g) => g.id));
    const codes = attempt.grids.filter((g) => changed.has(Number(g.properties.id))).map((g) => g.properties.code);
    return { kind: 'conflict', conflict: { kind: 'neighbour', codes: codes.length > 0 ? codes : [...changed].map(String) }, theirs: null, mine: null };
  }
  if (err.status === 422 && details.violations && details.violations.length > 0) return { kind: 'rules', violations: details.violations };
  return { kind: 'other', text: t('errorPrefix', { message: `${err.message} (${err.code})` }) };
}

/** A retire or restore refused: the rules broken, or the error, in one line of the dialog. */
export function confirmFailure(err: unknown): string {
  if (!(err instanceof ApiError)) return String(err);
  const violations = (err.details as { violations?: Violation[] } | undefined)?.violations;
  return violations?.length ? violationsLine(violations) : `${err.message} (${err.code})`;
}

/** The server's words for broken rules, in the UI language, in one line. */
export function violationsLine(violations: readonly Violation[]): string {
  const lang = currentLang();
  return joinClauses(lang, violations.map((v) => localMessage(v.message, lang)));
}
