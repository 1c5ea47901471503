import type * as maplibregl from 'maplibre-gl';

// What every overlay on the shared map has in common: a workspace creates it on the map when it
// opens (its sources, layers, images and listeners are added then) and destroys it when it
// closes, so the other workspaces see the plain map again. The shell may have removed the map
// first (on page teardown), so taking the parts away must never throw.

export interface MapOverlay {
  /** Takes away everything the overlay added; safe to call twice and after the map is gone. */
  destroy(): void;
}

/** What an overlay added to the map's style, by id. */
export interface OverlayParts {
  layers: readonly string[];
  sources: readonly string[];
  images?: readonly string[];
}

/** The id to insert an overlay's layers before, when the base style has that layer. */
export function layerBefore(map: maplibregl.Map, id: string): string | undefined {
  return map.getLayer(id) ? id : undefined;
}

/** Removes an overlay's layers, then its sources and images (a source in use cannot go first). */
export function removeOverlayParts(map: maplibregl.Map, parts: OverlayParts): void {
  try {
    if (!map.getStyle()) return;
    for (const id of parts.layers) if (map.getLayer(id)) map.removeLayer(id);
    for (const id of parts.sources) if (map.getSource(id)) map.removeSource(id);
    for (const id of parts.images ?? []) if (map.hasImage(id)) map.removeImage(id);
  } catch {
    /* the map is already removed */
  }
}
