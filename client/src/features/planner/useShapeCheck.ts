import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { PreviewResult, Violation } from '../../api/gridEditTypes';
import { previewGrid, type PreviewGridInput } from '../../api/previewGrid';
import type { CheckView } from './CheckPanel';
import type { PlannerState } from './plannerState';
import type { PlannerKey } from './strings';
import { useLivePreview, type LivePreview } from './useLivePreview';
import { previewKey, usePreview, type DryRun, type PreviewState } from './usePreview';

/** The live check of a shape being drawn: the server's dry run, or its refusal of the last save. */
export interface ShapeCheck {
  /** Names the shape and its options: a refusal belongs to it and is dropped once the shape changes. */
  key: string | null;
  preview: PreviewState;
  /** The figures while the shape is still changing (a corner being dragged). */
  live: LivePreview;
  refused: Violation[] | null;
  check: CheckView;
  retry: () => void;
  /** Why a save must wait for the check, if it must. */
  blocker: PlannerKey | null;
}

const SHAPE_DRY_RUN: DryRun<PreviewGridInput> = { kind: 'shape', run: previewGrid };

/**
 * The behaviour shared by the modes that change shapes (create, reshape with the shape edit's dry
 * run; split and merge with theirs). `request` is null while there is nothing to check.
 */
export function useShapeCheck<T = PreviewGridInput>(state: PlannerState, request: T | null, dryRun: DryRun<T> = SHAPE_DRY_RUN as DryRun<unknown>): ShapeCheck {
  const queryClient = useQueryClient();
  // The live check's answer for a shape is the settled check's too: it is not asked twice.
  const keep = useCallback(
    (key: string, result: PreviewResult) => {
      const cacheKey = previewKey(dryRun.kind, key);
      if (queryClient.getQueryData(cacheKey) === undefined) queryClient.setQueryData(cacheKey, result);
    },
    [queryClient, dryRun.kind],
  );
  const live = useLivePreview(request, dryRun, keep);
  const { state: preview, retry } = usePreview(request, dryRun);
  const key = request ? JSON.stringify(request) : null;
  const refused = key !== null && state.refused?.shape === key ? state.refused.violations : null;
  const check: CheckView = refused ? { status: 'invalid', violations: refused } : preview;
  let blocker: PlannerKey | null = null;
  if (refused || preview.status === 'invalid') blocker = 'blockedBroken';
  else if (preview.status === 'checking' || preview.status === 'idle') blocker = 'blockedChecking';
  else if (preview.status === 'error') blocker = 'blockedCheckFailed';
  return { key, preview, live, refused, check, retry, blocker };
}
