import type * as maplibregl from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { useMapController } from './MapContext';

/**
 * A workspace's overlay on the shared map: made once the map is ready (null until then) and
 * destroyed with the component. `make` is read on the first render only.
 */
export function useMapOverlay<T extends { destroy(): void }>(make: (map: maplibregl.Map) => T): T | null {
  const controller = useMapController();
  const [makeOnce] = useState(() => make);
  const [overlay, setOverlay] = useState<T | null>(null);
  useEffect(() => {
    if (!controller) return;
    let created: T | null = null;
    let live = true;
    void controller.whenReady().then(() => {
      if (!live) return;
      created = makeOnce(controller.map);
      setOverlay(created);
    });
    return () => {
      live = false;
      created?.destroy();
      setOverlay(null);
    };
  }, [controller, makeOnce]);
  return overlay;
}
