// The export URLs (/api/exports/{layer}?region=&format=, /api/exports/coverage, /api/exports/members):
// attachments, so the client builds links rather than reading answers. Part of the contract: no
// server dependencies.

export const EXPORT_LAYERS = ['grids', 'facilities', 'regions', 'buildings'] as const;
export type ExportLayer = (typeof EXPORT_LAYERS)[number];

/** GeoJSON, a zipped Shapefile, CSV (UTF-8 with a byte order mark) or GeoPackage (.gpkg, what QGIS saves by default). */
export const EXPORT_FORMATS = ['geojson', 'shp', 'csv', 'gpkg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Files the client composes itself from what it already shows (the coverage map sheet as PNG):
 * before saving one it records it with POST /api/exports/audit, so every download is in the log.
 */
export const CLIENT_EXPORT_KINDS = ['coverage-png'] as const;
export type ClientExportKind = (typeof CLIENT_EXPORT_KINDS)[number];

/** POST /api/exports/audit: which file, of which region (inside the account's scope). Answers 204. */
export interface ClientExportRecord {
  kind: ClientExportKind;
  region: string;
}
