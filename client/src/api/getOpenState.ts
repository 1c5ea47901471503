import type { OpenStateResponse } from '../../../server/src/contract/finder.ts';
import { getJson, withQuery } from './http';

export type { OpenState, OpenStateResponse } from '../../../server/src/contract/finder.ts';

/** Whether public facilities are open now (开放中 / 即将关闭 / 已关闭); others are left out of the answer. */
export function getOpenState(ids: readonly (number | string)[], signal?: AbortSignal): Promise<OpenStateResponse> {
  return getJson<OpenStateResponse>(withQuery('/api/nearest/open-state', { ids: ids.join(',') }), signal);
}
