import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './http';

/**
 * The one cache of server data in the client. Components read through useQuery with a key from
 * queryKeys; whatever changes stored data (a save, an import, a live update) invalidates the keys
 * it touched, and every view showing them asks again.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refusal (4xx) will not change by asking again; a dropped connection or a 503 may.
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
}

/**
 * Query keys, by what they read. The first element names the stored data behind the answer, so
 * one invalidation reaches every view of it: `invalidateQueries({ queryKey: [queryRoot.grids] })`.
 */
export const queryRoot = {
  session: 'session',
  grids: 'grids',
  facilities: 'facilities',
  regions: 'regions',
  coverage: 'coverage',
  accounts: 'accounts',
  audit: 'audit',
  places: 'places',
} as const;

/** After an import or another bulk change: everything built from stored data is asked again. */
export function invalidateStoredData(client: QueryClient): Promise<void> {
  return client.invalidateQueries();
}
