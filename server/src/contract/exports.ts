// The export URLs (/api/exports/{layer}?region=&format=, /api/exports/coverage, /api/exports/members):
// attachments, so the client builds links rather than reading answers. Part of the contract: no
// server dependencies.

export const EXPORT_LAYERS = ['grids', 'facilities', 'regions'] as const;
export type ExportLayer = (typeof EXPORT_LAYERS)[number];

/** GeoJSON, a zipped Shapefile, or CSV (UTF-8 with a byte order mark). */
export const EXPORT_FORMATS = ['geojson', 'shp', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
