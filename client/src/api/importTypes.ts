// The import report and its parts, as the server defines them (server/src/contract/imports.ts).
import type { ImportReport } from '../../../server/src/contract/imports.ts';

export type {
  ImportAction,
  ImportChange,
  ImportCrs,
  ImportFormat,
  ImportKind,
  ImportMode,
  ImportPreview,
  ImportPreviewProperties,
  ImportProblem,
  ImportReport,
  ImportSource,
} from '../../../server/src/contract/imports.ts';
export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../../server/src/contract/imports.ts';

/** Whether a value (e.g. an error's `details`) has the shape of a report. */
export function isImportReport(value: unknown): value is ImportReport {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<ImportReport>;
  return typeof r.total === 'number' && Array.isArray(r.problems) && Array.isArray(r.actions) && typeof r.source === 'object';
}
