import type * as maplibregl from 'maplibre-gl';
import type { MapController } from '../MapController';
import { LAYER } from '../style';
import { GridDraw } from './GridDraw';
import type { MapOverlay } from './MapOverlay';
import { PlannerLayers } from './PlannerLayers';

// What the planner workspace holds of the map: Terra Draw (GridDraw), its own layers
// (PlannerLayers) and the map clicks while it is open. Created when the workspace opens, removed
// when it closes, so the other workspaces see the plain map.

export interface GridHit {
  id: number;
  communityCode: string;
}

type ClickHandler = (hit: GridHit | null, event: maplibregl.MapMouseEvent) => void;

export class PlannerMap implements MapOverlay {
  readonly draw: GridDraw;
  readonly layers: PlannerLayers;
  private readonly controller: MapController;
  private clickHandler: ClickHandler | null = null;
  private destroyed = false;

  private constructor(controller: MapController, layers: PlannerLayers, draw: GridDraw) {
    this.controller = controller;
    this.layers = layers;
    this.draw = draw;
    // The planner's own panel shows the grid; the shell's details card would only repeat it.
    controller.clearSelection();
    controller.setClickInterceptor(this.handleClick);
  }

  static async create(controller: MapController): Promise<PlannerMap> {
    await controller.whenReady();
    // Layers first, so Terra Draw's layers (added when it starts) lie above them.
    const layers = new PlannerLayers(controller.map);
    const draw = await GridDraw.create(controller.map);
    return new PlannerMap(controller, layers, draw);
  }

  get map(): maplibregl.Map {
    return this.controller.map;
  }

  /** Map clicks on grids (or on nothing) while no drawing tool is in use. */
  onGridClick(handler: ClickHandler | null): void {
    this.clickHandler = handler;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.controller.setClickInterceptor(null);
    this.draw.destroy();
    this.layers.destroy();
  }

  private readonly handleClick = (event: maplibregl.MapMouseEvent): boolean => {
    if (this.destroyed) return false;
    // While drawing, clicks place points (Terra Draw has them); nothing else happens.
    if (this.draw.busy) return true;
    const layers = this.map.getLayer(LAYER.gridsFill) ? [LAYER.gridsFill] : [];
    const feature = layers.length > 0 ? this.map.queryRenderedFeatures(event.point, { layers })[0] : undefined;
    // Grid tiles carry `id`, `code` and `name`; a grid code starts with its community's 12-digit code.
    const id = Number(feature?.properties['id']);
    const code = feature?.properties['code'];
    const communityCode = typeof code === 'string' && code.length >= 12 ? code.slice(0, 12) : null;
    const hit = feature && Number.isFinite(id) && communityCode ? { id, communityCode } : null;
    this.clickHandler?.(hit, event);
    return true;
  };
}
