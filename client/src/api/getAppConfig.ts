import type { AppConfigResponse } from '../../../server/src/contract/finder.ts';
import { getJson } from './http';

export type { AppConfigResponse } from '../../../server/src/contract/finder.ts';

/** The server's public settings: the address shared links and QR codes are built from. */
export function getAppConfig(signal?: AbortSignal): Promise<AppConfigResponse> {
  return getJson<AppConfigResponse>('/api/app-config', signal);
}
