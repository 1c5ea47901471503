import type { CaseListQuery } from '../../api/cases';

/** Query keys of the case data: invalidating `caseKeys.all` asks every case view again. */
export const caseKeys = {
  all: ['cases'] as const,
  lists: () => ['cases', 'list'] as const,
  list: (query: CaseListQuery) => ['cases', 'list', query] as const,
  detail: (id: number) => ['cases', 'detail', id] as const,
  duplicates: (id: number) => ['cases', 'duplicates', id] as const,
};
