import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Impact, PreviewResult, Violation } from '../../api/gridEditTypes';
import { queryRoot } from '../../api/queryClient';
import type { GridFeature } from '../../api/types';

export type PreviewState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'valid'; features: GridFeature[]; impact: Impact }
  | { status: 'invalid'; violations: Violation[] }
  | { status: 'error'; error: Error };

/** How long the shape must stay still before it is checked: one request per pause, not per pixel. */
export const PREVIEW_DELAY_MS = 400;

/** `value`, once it has stayed the same for `delay` ms. */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** The cache key of the dry run of one shape (`key`: the request as JSON); the live check fills it too. */
export const previewKey = (kind: string, key: string | null) => [queryRoot.grids, 'preview', kind, key] as const;

/** A dry run on the server: a shape edit, a split or a merge, each with its own request (`kind` keeps their answers apart). */
export interface DryRun<T> {
  kind: string;
  run: (request: T, signal?: AbortSignal) => Promise<PreviewResult>;
}

/**
 * The server's dry run of the edit being drawn (`run` of `request`), debounced. The query is keyed by the shape, so a
 * newer shape leaves the check of an older one (which is cancelled) and what is shown always
 * belongs to the shape on the map; the map keeps the last result drawn while the next is checked.
 * It reads the grids as stored, so it sits under [queryRoot.grids] and a save makes it stale.
 */
export function usePreview<T>(request: T | null, { kind, run }: DryRun<T>): { state: PreviewState; retry: () => void } {
  const key = request ? JSON.stringify(request) : null;
  const settledKey = useSettled(key, PREVIEW_DELAY_MS);
  const query = useQuery({
    queryKey: previewKey(kind, key),
    queryFn: ({ signal }) => run(JSON.parse(key ?? 'null') as T, signal),
    enabled: key !== null && key === settledKey,
    // A failed check waits for the panel's retry button rather than repeating by itself.
    retry: false,
  });
  const { refetch, isFetching, isPending, error, data } = query;
  const checking = key !== settledKey || isFetching || isPending;
  // One object per result, so the map is redrawn when the result changes, not on every render.
  const state = useMemo<PreviewState>(() => {
    if (key === null) return { status: 'idle' };
    if (checking) return { status: 'checking' };
    if (error) return { status: 'error', error };
    if (!data) return { status: 'checking' };
    return data.valid ? { status: 'valid', features: data.features, impact: data.impact } : { status: 'invalid', violations: data.violations };
  }, [key, checking, error, data]);
  const retry = useCallback(() => void refetch(), [refetch]);
  return { state, retry };
}
