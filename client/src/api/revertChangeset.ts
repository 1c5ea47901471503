import type { RevertChangesetRequest } from '../../../server/src/contract/grids.ts';
import type { RevertPreview, RevertResponse } from './gridEditTypes';
import { sendJson } from './http';

/** Undoes a whole save: every grid it touched back as it was (409 CHANGESET_CONFLICT when one changed since). */
export function revertChangeset(id: number, note: string): Promise<RevertResponse> {
  return sendJson<RevertResponse>('POST', `/api/changesets/${id}/revert`, { note } satisfies RevertChangesetRequest);
}

/** The revert as it would be, without saving it. */
export function previewRevert(id: number, signal?: AbortSignal): Promise<RevertPreview> {
  return sendJson<RevertPreview>('POST', `/api/changesets/${id}/revert/preview`, {}, signal ? { signal } : {});
}
