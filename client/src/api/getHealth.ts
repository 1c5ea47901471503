import { getJson } from './http';
import type { Health } from './types';

export function getHealth(signal?: AbortSignal): Promise<Health> {
  return getJson<Health>('/api/health', signal);
}
