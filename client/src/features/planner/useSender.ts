import { useQueryClient } from '@tanstack/react-query';
import type { Dispatch } from 'react';
import { queryRoot } from '../../api/queryClient';
import type { GridCollection, GridFeature } from '../../api/types';
import type { PlannerMap } from '../../map/overlays/PlannerMap';
import { gridId, type Sender } from './editContext';
import type { PlannerAction } from './plannerState';
import { plannerKeys } from './queries';
import { describeFailure, type SaveAttempt } from './saveErrors';
import type { PlannerText } from './strings';

interface Options {
  communityCode: string | null;
  grids: GridFeature[];
  planner: PlannerMap | null;
  dispatch: Dispatch<PlannerAction>;
  stopDrawing: () => void;
  text: PlannerText;
  /** What a failed save was, for their version against mine. */
  attempt: Omit<SaveAttempt, 'mine' | 'grids'>;
}

/** A dry run is no stored data of its own: it is checked again whenever its shape is drawn. */
const notPreview = (query: { queryKey: readonly unknown[] }) => query.queryKey[1] !== 'preview';

/** The behaviour every saving mode shares: send, then read the grids again, or show what went wrong. */
export function useSender({ communityCode, grids, planner, dispatch, stopDrawing, text, attempt }: Options): Sender {
  const queryClient = useQueryClient();

  const reloadGrids: Sender['reloadGrids'] = async () => {
    // Every view built from the grids (this list, the history, the coverage figures, the map's
    // grid tiles) is asked again.
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: [queryRoot.grids], predicate: notPreview }, { throwOnError: true }),
      queryClient.invalidateQueries({ queryKey: [queryRoot.coverage] }),
    ]);
    return queryClient.getQueryData<GridCollection>(plannerKeys.communityGrids(communityCode))?.features ?? [];
  };

  const send: Sender['send'] = (action, done, onError, start = { type: 'sending' }) => {
    dispatch(start);
    action()
      .then(async (result) => {
        const outcome = done(result);
        stopDrawing();
        dispatch({ type: 'endEdit' });
        dispatch({ type: 'confirm', confirm: null });
        // The list shows its own error and retry when it cannot be read again.
        const fresh = await reloadGrids().catch(() => grids);
        const selected = outcome.selectId === null ? null : (fresh.find((g) => gridId(g) === outcome.selectId) ?? null);
        const notice = outcome.impact ? { kind: 'success' as const, text: outcome.message, impact: outcome.impact } : { kind: 'success' as const, text: outcome.message };
        dispatch({ type: 'saved', grid: selected, notice });
      })
      .catch(onError)
      .finally(() => dispatch({ type: 'busy', busy: false }));
  };

  const failSave: Sender['failSave'] = (partial) => (err) => {
    const failure = describeFailure(err, { ...attempt, mine: null, grids, ...partial }, text);
    if (failure.kind === 'conflict') {
      if (failure.conflict.kind === 'version') {
        planner?.layers.setConflict(failure.theirs, failure.mine);
        planner?.layers.fitTo([failure.theirs, failure.mine], { padding: 80 });
      }
      dispatch({ type: 'set', patch: { conflict: failure.conflict } });
    } else if (failure.kind === 'rules') {
      dispatch({ type: 'refused', shape: partial.shape ?? null, violations: failure.violations, text: text.t('rulesRefused') });
    } else {
      dispatch({ type: 'set', patch: { notice: { kind: 'error', text: failure.text } } });
    }
  };

  return { send, failSave, reloadGrids };
}
