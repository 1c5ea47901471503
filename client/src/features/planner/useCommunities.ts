import { useCallback, useEffect, useState } from 'react';
import { getRegions } from '../../api/getRegions';
import { ApiError, isAbort } from '../../api/http';
import type { RegionFeature } from '../../api/types';

export interface CommunityGroup {
  street: RegionFeature | null;
  communities: RegionFeature[];
}

export type CommunitiesState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; communities: RegionFeature[]; groups: CommunityGroup[] };

/** The communities the planner may edit (those inside the account's region), grouped by street. */
export function useCommunities(scope: string | null) {
  const [state, setState] = useState<CommunitiesState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    Promise.all([getRegions('community', abort.signal), getRegions('street', abort.signal)])
      .then(([communities, streets]) => {
        const inScope = communities.features
          .filter((c) => scope === null || c.properties.code.startsWith(scope))
          .sort((a, b) => a.properties.code.localeCompare(b.properties.code));
        const byStreet = new Map<string, RegionFeature[]>();
        for (const c of inScope) {
          const key = c.properties.parentCode ?? c.properties.code.slice(0, 9);
          byStreet.set(key, [...(byStreet.get(key) ?? []), c]);
        }
        const groups = [...byStreet.entries()].map(([code, list]) => ({
          street: streets.features.find((s) => s.properties.code === code) ?? null,
          communities: list,
        }));
        setState({ status: 'ready', communities: inScope, groups });
      })
      .catch((err: unknown) => {
        if (abort.signal.aborted || isAbort(err)) return;
        setState({ status: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'CLIENT_ERROR', String(err)) });
      });
    return () => abort.abort();
  }, [scope, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
