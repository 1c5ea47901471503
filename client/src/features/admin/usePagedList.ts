import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { ApiError } from '../../api/http';
import { toApiError } from '../../ui/useDistrictData';

export interface Page<T> {
  /** What this page shows (after any filter the client applies). */
  items: T[];
  /** How many rows the server sent: the next page starts after them. */
  fetched: number;
  limit: number;
}

export type PagedList<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError; retry: () => void }
  | { status: 'ready'; items: T[]; more: boolean; loadingMore: boolean; moreError: ApiError | null; loadMore: () => void };

/** A list the server sends a page at a time, newest query first; "more" asks for the next page. */
export function usePagedList<T>(queryKey: QueryKey, fetchPage: (offset: number, signal: AbortSignal) => Promise<Page<T>>): PagedList<T> {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.fetched === last.limit ? pages.reduce((n, p) => n + p.fetched, 0) : undefined),
  });
  if (query.isPending) return { status: 'loading' };
  if (query.isError && !query.isFetchNextPageError) return { status: 'error', error: toApiError(query.error), retry: () => void query.refetch() };
  if (!query.data) return { status: 'loading' };
  return {
    status: 'ready',
    items: query.data.pages.flatMap((p) => p.items),
    more: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    moreError: query.isFetchNextPageError ? toApiError(query.error) : null,
    loadMore: () => void query.fetchNextPage(),
  };
}
