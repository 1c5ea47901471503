import { useEffect, useState } from 'react';
import { getRegions } from '../api/getRegions';
import { isAbort, type ApiError } from '../api/http';
import type { RegionLevel } from '../api/types';
import { toApiError } from './useDistrictData';

export interface RegionOption {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export type RegionOptionsState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError; retry: () => void }
  | { status: 'ready'; regions: RegionOption[]; byCode: ReadonlyMap<string, RegionOption> };

// Scope pickers need names and parents only, but /api/regions answers with shapes; asked once per
// page view and shared by every form that opens.
let cached: Promise<RegionOption[]> | null = null;

function loadRegions(): Promise<RegionOption[]> {
  cached ??= Promise.all((['district', 'street', 'community'] as const).map((level) => getRegions(level)))
    .then((collections) =>
      collections.flatMap((c) =>
        c.features.map(({ properties: p }) => ({ code: p.code, name: p.name, level: p.level, parentCode: p.parentCode })),
      ),
    )
    .catch((err: unknown) => {
      cached = null;
      throw err;
    });
  return cached;
}

/** District, street and community names for the scope picker. */
export function useRegionOptions(): RegionOptionsState {
  const [state, setState] = useState<RegionOptionsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    loadRegions().then(
      (regions) => {
        if (!live) return;
        const sorted = [...regions].sort((a, b) => a.code.localeCompare(b.code));
        setState({ status: 'ready', regions: sorted, byCode: new Map(sorted.map((r) => [r.code, r])) });
      },
      (err: unknown) => {
        if (!live || isAbort(err)) return;
        setState({ status: 'error', error: toApiError(err), retry: () => setAttempt((n) => n + 1) });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  return state;
}
