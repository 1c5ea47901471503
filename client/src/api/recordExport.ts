import type { ClientExportRecord } from '../../../server/src/contract/exports.ts';
import { sendJson } from './http';

export type { ClientExportKind, ClientExportRecord } from '../../../server/src/contract/exports.ts';

/**
 * Records a file the client composes itself (the coverage map sheet) in the audit log; call it
 * before saving the file, and save nothing when it fails.
 */
export async function recordExport(record: ClientExportRecord): Promise<void> {
  await sendJson<null>('POST', '/api/exports/audit', record);
}
