import type { Changeset, GridVersion, Impact, Violation } from '../../api/gridEditTypes';
import type { GridFeature } from '../../api/types';
import type { Conflict } from './ConflictDialog';
import { formFromGrid, type AttrForm } from './gridForm';

// Everything the workspace remembers between renders, in one place, changed only by the actions
// below. What can be worked out from it and the loaded grids (the shape being drawn, what blocks
// the save) is not kept here but derived by the mode hooks.

export type Mode =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'reshape'; gridId: number; part: number }
  | { kind: 'split'; gridId: number }
  | { kind: 'merge'; gridId: number; otherId: number | null };

export type Notice = { kind: 'success'; text: string; impact?: Impact } | { kind: 'error'; text: string; violations?: Violation[] };

export type Confirm =
  | { kind: 'retire'; grid: GridFeature }
  | { kind: 'restore'; grid: GridFeature; version: GridVersion }
  /** Undo the whole save `changeset`, asked from the history of `grid`. */
  | { kind: 'revert'; grid: GridFeature; changeset: Changeset };

export interface PlannerState {
  communityCode: string | null;
  selectedId: number | null;
  /** A grid clicked in another community: selected once that community's grids are in. */
  pendingSelect: number | null;
  /** The attribute form of the selected grid (or of the grid being created) and the version it was read at. */
  form: AttrForm | null;
  baseVersion: number | null;
  mode: Mode;
  adjust: boolean;
  clip: boolean;
  note: string;
  noteTouched: boolean;
  partName: string;
  busy: boolean;
  notice: Notice | null;
  /** The server's refusal, for the shape (see `shapeKey`) it was given; a changed shape drops it. */
  refused: { shape: string; violations: Violation[] } | null;
  conflict: Conflict | null;
  confirm: Confirm | null;
  confirmError: string | null;
  historyOpen: boolean;
  coverageOpen: boolean;
}

export const initialPlannerState: PlannerState = {
  communityCode: null,
  selectedId: null,
  pendingSelect: null,
  form: null,
  baseVersion: null,
  mode: { kind: 'none' },
  adjust: true,
  clip: false,
  note: '',
  noteTouched: false,
  partName: '',
  busy: false,
  notice: null,
  refused: null,
  conflict: null,
  confirm: null,
  confirmError: null,
  historyOpen: false,
  coverageOpen: false,
};

/** Fields the panel sets directly as the user types or toggles. */
type Editable = Pick<PlannerState, 'form' | 'adjust' | 'clip' | 'note' | 'noteTouched' | 'partName' | 'mode' | 'notice' | 'conflict' | 'baseVersion'>;

export type PlannerAction =
  | { type: 'set'; patch: Partial<Editable> }
  | { type: 'select'; grid: GridFeature | null }
  | { type: 'chooseCommunity'; code: string | null; thenSelect?: number }
  | { type: 'start'; mode: Mode; form?: AttrForm }
  | { type: 'endEdit' }
  | { type: 'cancelEdit'; grid: GridFeature | null }
  | { type: 'busy'; busy: boolean }
  | { type: 'sending' }
  | { type: 'refused'; shape: string | null; violations: Violation[]; text: string }
  | { type: 'saved'; grid: GridFeature | null; notice: Notice }
  | { type: 'confirm'; confirm: Confirm | null }
  | { type: 'confirming' }
  | { type: 'confirmFailed'; error: string }
  | { type: 'toggle'; panel: 'historyOpen' | 'coverageOpen'; open?: boolean };

function select(state: PlannerState, grid: GridFeature | null): PlannerState {
  const id = grid ? Number(grid.properties.id) : null;
  return {
    ...state,
    selectedId: id,
    pendingSelect: null,
    // Another grid's history is not this one's.
    historyOpen: id === state.selectedId ? state.historyOpen : false,
    form: grid ? formFromGrid(grid.properties) : null,
    baseVersion: grid ? grid.properties.version : null,
  };
}

/** Leaves whatever edit was under way (the map's drawing is stopped by the caller). */
function endEdit(state: PlannerState): PlannerState {
  return { ...state, mode: { kind: 'none' }, note: '', noteTouched: false, partName: '', refused: null, conflict: null };
}

export function plannerReducer(state: PlannerState, action: PlannerAction): PlannerState {
  switch (action.type) {
    case 'set':
      return { ...state, ...action.patch };
    case 'select':
      return select(state, action.grid);
    case 'chooseCommunity': {
      const next = select({ ...endEdit(state), communityCode: action.code, coverageOpen: false }, null);
      // Chosen on the map: the notice stays, and the clicked grid is selected once its community's grids are in.
      return action.thenSelect === undefined ? { ...next, notice: null } : { ...next, pendingSelect: action.thenSelect };
    }
    case 'start': {
      // A new grid does not cut into its neighbours unless the planner asks for it; a reshape moves shared borders.
      const next = { ...endEdit(state), mode: action.mode, adjust: action.mode.kind !== 'create', clip: false, notice: null };
      return action.form ? { ...select(next, null), form: action.form } : next;
    }
    case 'endEdit':
      return endEdit(state);
    case 'cancelEdit':
      return { ...endEdit(state), form: action.grid ? formFromGrid(action.grid.properties) : state.form };
    case 'busy':
      return { ...state, busy: action.busy };
    case 'sending':
      return { ...state, busy: true, notice: null, refused: null };
    case 'refused':
      return {
        ...state,
        refused: action.shape === null ? null : { shape: action.shape, violations: action.violations },
        notice: { kind: 'error', text: action.text, violations: action.violations },
      };
    case 'saved':
      return { ...select(state, action.grid), notice: action.notice };
    case 'confirm':
      return { ...state, confirm: action.confirm, confirmError: null };
    case 'confirming':
      return { ...state, busy: true, confirmError: null };
    case 'confirmFailed':
      return { ...state, confirmError: action.error };
    case 'toggle':
      return { ...state, [action.panel]: action.open ?? !state[action.panel] };
  }
}
