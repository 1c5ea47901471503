import type * as maplibregl from 'maplibre-gl';
import type { Position } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import type { BuildingCollection } from '../../../../../server/src/contract/buildings.ts';
import type { GridFeature } from '../../../api/types';
import type { PlannerMap } from '../../../map/overlays/PlannerMap';
import { BuildingsLayer, gridHue } from './BuildingsLayer';

// The building tools' hold on the map: the layer itself, the community's buildings on it, and
// the clicks and lasso that pick buildings while assigning by building.

/** The buildings layer over the planner's map, while the workspace is open. */
export function useBuildingsLayer(planner: PlannerMap | null): BuildingsLayer | null {
  const [layer, setLayer] = useState<BuildingsLayer | null>(null);
  useEffect(() => {
    if (!planner) return;
    const made = new BuildingsLayer(planner.map);
    setLayer(made);
    return () => {
      made.destroy();
      setLayer(null);
    };
  }, [planner]);
  return layer;
}

/** Shows the community's buildings coloured by their grid, with a households label (`label(n)`). */
export function useBuildingsData(layer: BuildingsLayer | null, buildings: BuildingCollection | undefined, grids: readonly GridFeature[], label: (n: number) => string): void {
  useEffect(() => {
    if (!layer) return;
    const ids = grids.map((g) => Number(g.properties.id));
    const features = (buildings?.features ?? []).map((b) => ({
      ...b,
      properties: { ...b.properties, hue: gridHue(ids, b.properties.gridId), label: label(b.properties.households) },
    }));
    layer.setBuildings({ type: 'FeatureCollection', features });
  }, [layer, buildings, grids, label]);
}

export interface Picking {
  /** A click on a building (`add`: Shift held). */
  onClick: (id: number, add: boolean) => void;
  /** A lasso drawn (`add`: Shift held when it started). */
  onLasso: (ring: Position[], add: boolean) => void;
}

/**
 * While `active`: clicks on buildings pick them; with `lasso` on, pressing the mouse and drawing
 * draws a loop instead of moving the map (the map's drag and box zoom are off meanwhile).
 */
export function useBuildingPicking(planner: PlannerMap | null, layer: BuildingsLayer | null, active: boolean, lasso: boolean, picking: Picking): void {
  const latest = useRef(picking);
  useEffect(() => {
    latest.current = picking;
  });
  // A loop that ends where it began is also a click to the map: that click is not a pick.
  const lassoEndedAt = useRef(0);

  useEffect(() => {
    if (!planner || !layer || !active) return;
    const map = planner.map;
    const onClick = (event: maplibregl.MapMouseEvent) => {
      if (performance.now() - lassoEndedAt.current < 400) return;
      const id = layer.buildingAt(event.point);
      if (id !== null) latest.current.onClick(id, event.originalEvent.shiftKey);
    };
    map.on('click', onClick);
    map.getCanvas().style.cursor = 'pointer';
    return () => {
      map.off('click', onClick);
      map.getCanvas().style.cursor = '';
    };
  }, [planner, layer, active]);

  useEffect(() => {
    if (!planner || !layer || !active || !lasso) return;
    const map = planner.map;
    const pan = map.dragPan.isEnabled();
    const box = map.boxZoom.isEnabled();
    map.dragPan.disable();
    map.boxZoom.disable();
    map.getCanvas().style.cursor = 'crosshair';
    let ring: Position[] | null = null;
    let add = false;
    const at = (event: maplibregl.MapMouseEvent): Position => [event.lngLat.lng, event.lngLat.lat];
    const down = (event: maplibregl.MapMouseEvent) => {
      if (event.originalEvent.button !== 0) return;
      ring = [at(event)];
      add = event.originalEvent.shiftKey;
      layer.setLasso(ring);
    };
    const move = (event: maplibregl.MapMouseEvent) => {
      if (!ring) return;
      ring.push(at(event));
      layer.setLasso(ring);
    };
    const up = () => {
      if (!ring) return;
      const done = ring;
      ring = null;
      lassoEndedAt.current = performance.now();
      layer.setLasso(null);
      if (done.length >= 3) latest.current.onLasso(done, add);
    };
    map.on('mousedown', down);
    map.on('mousemove', move);
    map.on('mouseup', up);
    return () => {
      map.off('mousedown', down);
      map.off('mousemove', move);
      map.off('mouseup', up);
      layer.setLasso(null);
      if (pan) map.dragPan.enable();
      if (box) map.boxZoom.enable();
      map.getCanvas().style.cursor = active ? 'pointer' : '';
    };
  }, [planner, layer, active, lasso]);
}
