import type { Dispatch } from 'react';
import type { GridAttributes, Impact } from '../../api/gridEditTypes';
import type { GridFeature, RegionFeature } from '../../api/types';
import type { DrawSnapshot } from '../../map/overlays/GridDraw';
import type { PlannerMap } from '../../map/overlays/PlannerMap';
import type { CheckView } from './CheckPanel';
import type { AttrErrors } from './gridForm';
import type { PlannerAction, PlannerState } from './plannerState';
import type { SaveAttempt } from './saveErrors';
import type { PlannerText } from './strings';
import type { ShapeCheck } from './useShapeCheck';

// What every mode of the workspace works with (the behaviours it is composed of), and what each
// mode gives back for the panel to show.

export const gridId = (g: GridFeature) => Number(g.properties.id);

/** What a save did, for the notice and the grid selected after it. */
export interface SaveOutcome {
  selectId: number | null;
  message: string;
  impact?: Impact;
}

/** After a conflict the save is sent again against the reloaded grids (and their version). */
export interface SaveRetry {
  grids: GridFeature[];
  version?: number;
}

export interface Sender {
  /** Sends an edit; on success the grids are read again, the grid selected and the outcome noticed. */
  send: <T>(action: () => Promise<T>, done: (result: T) => SaveOutcome, onError: (err: unknown) => void, start?: PlannerAction) => void;
  /** The error handler of a save from the panel: a conflict dialog, the broken rules, or a notice. */
  failSave: (attempt: Partial<SaveAttempt> & { shape?: string | null }) => (err: unknown) => void;
  /** The community's grids as stored now (throws when they cannot be read). */
  reloadGrids: () => Promise<GridFeature[]>;
}

export interface FormCheck {
  errors: AttrErrors;
  valid: boolean;
  /** Only the fields that differ from the selected grid as loaded: what an update sends. */
  changes: Partial<GridAttributes>;
}

export interface EditContext extends Sender {
  state: PlannerState;
  dispatch: Dispatch<PlannerAction>;
  planner: PlannerMap | null;
  draft: DrawSnapshot | null;
  community: RegionFeature | null;
  grids: GridFeature[];
  selected: GridFeature | null;
  form: FormCheck;
  text: PlannerText;
  /** Stops drawing on the map and clears what the edit drew. */
  stopDrawing: () => void;
  /** Drawn corners snap to every grid but `exclude` and to the community boundary. */
  snapTo: (exclude: number | null) => void;
}

/** What the panel shows of the edit under way, and its save. */
export interface EditView {
  title: string;
  hint: string | null;
  /** Why the edit cannot be saved yet, before the note every edit needs. */
  blocker: string | null;
  actionLabel: string;
  /** The live rule check of a shape (create and reshape). */
  check: CheckView | null;
  shape: ShapeCheck | null;
  save: (retry?: SaveRetry) => void;
}

/** The version of `grid` in the list a save works from (a reloaded one when retrying after a conflict). */
export function versionIn(list: GridFeature[], grid: GridFeature): number {
  return (list.find((g) => gridId(g) === gridId(grid)) ?? grid).properties.version;
}

/** The neighbours' versions as the planner saw them: the server refuses the save if one changed since. */
export function neighbourVersions(list: GridFeature[], exclude: number | null): Record<string, number> {
  return Object.fromEntries(list.filter((g) => gridId(g) !== exclude).map((g) => [String(gridId(g)), g.properties.version]));
}
