import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { getRegions } from '../api/getRegions';
import type { ApiError } from '../api/http';
import { queryRoot } from '../api/queryClient';
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

const LEVELS = ['district', 'street', 'community'] as const;

// Scope pickers need names and parents only, but /api/regions answers with shapes; the query
// cache shares one answer among every form that opens.
async function loadRegions(signal: AbortSignal): Promise<RegionOption[]> {
  const collections = await Promise.all(LEVELS.map((level) => getRegions(level, signal)));
  return collections
    .flatMap((c) => c.features.map(({ properties: p }) => ({ code: p.code, name: p.name, level: p.level, parentCode: p.parentCode })))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** District, street and community names for the scope picker. */
export function useRegionOptions(): RegionOptionsState {
  const query = useQuery({ queryKey: [queryRoot.regions, 'options'], queryFn: ({ signal }) => loadRegions(signal) });
  const { data, error, refetch } = query;
  return useMemo<RegionOptionsState>(() => {
    if (data) return { status: 'ready', regions: data, byCode: new Map(data.map((r) => [r.code, r])) };
    if (error) return { status: 'error', error: toApiError(error), retry: () => void refetch() };
    return { status: 'loading' };
  }, [data, error, refetch]);
}
