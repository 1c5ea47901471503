import type { ExportFormat, ExportLayer } from '../../../server/src/contract/exports.ts';
import { withQuery } from './http';

// Exports are attachments (Content-Disposition): a plain `<a href download>` with the session
// cookie downloads them, so the client builds URLs instead of fetching.

export type { ExportFormat } from '../../../server/src/contract/exports.ts';
export type SpatialExport = ExportLayer;

/** `/api/exports/{grids|facilities|regions}?region=&format=`. */
export function spatialExportUrl(dataset: SpatialExport, region: string, format: ExportFormat): string {
  return withQuery(`/api/exports/${dataset}`, { region, format });
}

/** `/api/exports/coverage?region=` (per-grid coverage statistics, CSV). */
export function coverageExportUrl(region: string): string {
  return withQuery('/api/exports/coverage', { region });
}

/** `/api/exports/members?region=` (member roll, CSV; admins only, recorded in the audit log). */
export function membersExportUrl(region: string): string {
  return withQuery('/api/exports/members', { region });
}
