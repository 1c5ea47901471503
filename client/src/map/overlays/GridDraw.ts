import type * as maplibregl from 'maplibre-gl';
import type { Geometry, LineString, Polygon, Position } from 'geojson';
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawModeUndoRedo,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
  type SnapToCustom,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { MapOverlay } from './MapOverlay';
import { SnapIndex } from './snapping';

// The one owner of Terra Draw on the shared map. The planner asks it to draw a new grid, draw a
// split line or reshape a grid, and listens to one snapshot of what is being drawn; it never
// touches Terra Draw itself. Undo/redo covers every step before saving: points while a shape is
// being placed (Terra Draw's own per-mode history), then every finished edit (a stack kept here).

/** What the planner is doing with the drawing tools. */
export type DrawTool = 'none' | 'polygon' | 'line' | 'edit';

export interface DrawSnapshot {
  tool: DrawTool;
  /**
   * The shape so far: while a polygon is being placed, the polygon of the points placed (null
   * under 3); the split line; or the reshaped polygon.
   */
  geometry: Polygon | LineString | null;
  /** Points are still being placed (the shape is not finished yet). */
  drawing: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Grows with every change, so a listener can tell two shapes apart without comparing them. */
  revision: number;
}

type Listener = (snapshot: DrawSnapshot) => void;

/** How close (in screen pixels) the pointer must come to a vertex or edge to snap to it. */
export const SNAP_PIXELS = 10;
/** Terra Draw's hit distance for vertices and closing points; small so dense corners stay apart. */
const POINTER_DISTANCE = 14;

const EDIT_COLOR = '#d94801';
const VERTEX_FILL = '#ffffff';
const INK = '#252525';

const EDIT_ACTIONS = new Set(['dragCoordinate', 'insertMidpoint', 'deleteCoordinate', 'dragFeature', 'dragCoordinateResize', 'edit']);

export class GridDraw implements MapOverlay {
  private readonly draw: TerraDraw;
  private readonly listeners = new Set<Listener>();
  private snapIndex = SnapIndex.empty();
  private tool: DrawTool = 'none';
  private featureId: string | number | null = null;
  private history: (Polygon | LineString)[] = [];
  private historyIndex = -1;
  private revision = 0;
  private current: DrawSnapshot = { tool: 'none', geometry: null, drawing: false, canUndo: false, canRedo: false, revision: 0 };
  private destroyed = false;

  private constructor(map: maplibregl.Map) {
    const snapping = { toCustom: this.snapTo };
    const adapter = new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 9, prefixId: 'planner-draw' });
    this.draw = new TerraDraw({
      adapter,
      undoRedo: { modeLevel: new TerraDrawModeUndoRedo() },
      modes: [
        new TerraDrawPolygonMode({
          snapping,
          pointerDistance: POINTER_DISTANCE,
          showCoordinatePoints: true,
          styles: {
            fillColor: EDIT_COLOR,
            fillOpacity: 0.12,
            outlineColor: EDIT_COLOR,
            outlineWidth: 2.5,
            closingPointColor: VERTEX_FILL,
            closingPointWidth: 6,
            closingPointOutlineColor: EDIT_COLOR,
            closingPointOutlineWidth: 2,
            coordinatePointColor: VERTEX_FILL,
            coordinatePointWidth: 4,
            coordinatePointOutlineColor: EDIT_COLOR,
            coordinatePointOutlineWidth: 2,
            snappingPointColor: EDIT_COLOR,
            snappingPointWidth: 5,
            snappingPointOutlineColor: VERTEX_FILL,
            snappingPointOutlineWidth: 2,
          },
        }),
        new TerraDrawLineStringMode({
          snapping,
          pointerDistance: POINTER_DISTANCE,
          showCoordinatePoints: true,
          styles: {
            lineStringColor: EDIT_COLOR,
            lineStringWidth: 3,
            closingPointColor: VERTEX_FILL,
            closingPointWidth: 6,
            closingPointOutlineColor: EDIT_COLOR,
            closingPointOutlineWidth: 2,
            coordinatePointColor: VERTEX_FILL,
            coordinatePointWidth: 4,
            coordinatePointOutlineColor: EDIT_COLOR,
            coordinatePointOutlineWidth: 2,
            snappingPointColor: EDIT_COLOR,
            snappingPointWidth: 5,
            snappingPointOutlineColor: VERTEX_FILL,
            snappingPointOutlineWidth: 2,
          },
        }),
        new TerraDrawSelectMode({
          // The planner decides what is selected: the map click neither selects nor deselects,
          // and no key deletes, rotates or scales the shape.
          allowManualDeselection: false,
          allowManualSelection: false,
          keyEvents: null,
          pointerDistance: POINTER_DISTANCE,
          flags: {
            polygon: {
              feature: {
                draggable: false,
                // Let a crossing through: the server names the crossing point and the map marks it.
                selfIntersectable: true,
                coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapping },
              },
            },
            linestring: {
              feature: {
                draggable: false,
                coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapping },
              },
            },
          },
          styles: {
            selectedPolygonColor: EDIT_COLOR,
            selectedPolygonFillOpacity: 0.12,
            selectedPolygonOutlineColor: EDIT_COLOR,
            selectedPolygonOutlineWidth: 2.5,
            selectedLineStringColor: EDIT_COLOR,
            selectedLineStringWidth: 3,
            selectionPointColor: VERTEX_FILL,
            selectionPointWidth: 5,
            selectionPointOutlineColor: INK,
            selectionPointOutlineWidth: 2,
            midPointColor: EDIT_COLOR,
            midPointWidth: 3,
            midPointOutlineColor: VERTEX_FILL,
            midPointOutlineWidth: 1,
          },
        }),
      ],
    });
    this.draw.on('change', this.handleChange);
    this.draw.on('finish', this.handleFinish);
  }

  /** Starts Terra Draw on the map (whose style must be loaded) and resolves when it is ready. */
  static create(map: maplibregl.Map): Promise<GridDraw> {
    const gridDraw = new GridDraw(map);
    return new Promise((resolve) => {
      let resolved = false;
      const ready = () => {
        if (resolved) return;
        resolved = true;
        resolve(gridDraw);
      };
      gridDraw.draw.on('ready', ready);
      gridDraw.draw.start();
      // The adapter reports ready at once when the map is already loaded; be safe either way.
      if (map.loaded()) window.setTimeout(ready, 0);
    });
  }

  /** Geometries to snap to: the neighbouring grids and the community boundary. */
  setSnapGeometries(geometries: readonly (Geometry | null | undefined)[]): void {
    this.snapIndex = SnapIndex.fromGeometries(geometries);
  }

  get snapshot(): DrawSnapshot {
    return this.current;
  }

  /** Whether a tool is in use (map clicks then belong to Terra Draw, not to selection). */
  get busy(): boolean {
    return this.tool !== 'none';
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Click to place points; click the first point, double-click or press Enter to finish. */
  drawPolygon(): void {
    this.reset('polygon');
    this.draw.setMode('polygon');
    this.emit();
  }

  /** A split line: click points across the grid, double-click or press Enter to finish. */
  drawLine(): void {
    this.reset('line');
    this.draw.setMode('linestring');
    this.emit();
  }

  /** Reshape a polygon: drag vertices, drag a midpoint to add one, right-click a vertex to remove it. */
  edit(polygon: Polygon): void {
    this.reset('edit');
    const id = this.draw.getFeatureId();
    const [result] = this.draw.addFeatures([{ id, type: 'Feature', geometry: outerRing(polygon), properties: { mode: 'polygon' } }]);
    if (!result?.valid) {
      this.reset('none');
      this.emit();
      throw new Error(`Terra Draw refused the shape: ${result?.reason ?? 'unknown reason'}`);
    }
    this.featureId = id;
    this.pushHistory(outerRing(polygon));
    this.draw.selectFeature(id);
    this.emit();
  }

  /** Ends whatever is being drawn and clears the drawing. */
  stop(): void {
    this.reset('none');
    this.emit();
  }

  get canUndo(): boolean {
    return this.current.canUndo;
  }

  undo(): boolean {
    if (this.isPlacingPoints()) {
      const done = this.draw.undo();
      this.emit();
      return done;
    }
    if (this.historyIndex <= 0) return false;
    this.historyIndex -= 1;
    this.applyHistory();
    return true;
  }

  redo(): boolean {
    if (this.isPlacingPoints()) {
      const done = this.draw.redo();
      this.emit();
      return done;
    }
    if (this.historyIndex >= this.history.length - 1) return false;
    this.historyIndex += 1;
    this.applyHistory();
    return true;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.listeners.clear();
    this.draw.off('change', this.handleChange);
    this.draw.off('finish', this.handleFinish);
    try {
      this.draw.clear();
      this.draw.stop();
    } catch {
      /* the map may already be gone */
    }
  }

  private reset(tool: DrawTool): void {
    this.tool = tool;
    this.featureId = null;
    this.history = [];
    this.historyIndex = -1;
    this.draw.clear();
    this.draw.clearUndoRedoHistory();
    this.draw.setMode('static');
  }

  private isPlacingPoints(): boolean {
    return (this.tool === 'polygon' || this.tool === 'line') && this.featureId === null && this.draw.getModeState() === 'drawing';
  }

  private pushHistory(geometry: Polygon | LineString): void {
    this.history = this.history.slice(0, this.historyIndex + 1);
    this.history.push(geometry);
    this.historyIndex = this.history.length - 1;
  }

  private applyHistory(): void {
    const geometry = this.history[this.historyIndex];
    if (this.featureId === null || !geometry) return;
    this.draw.updateFeatureGeometry(this.featureId, geometry);
    this.emit();
  }

  private readonly snapTo: SnapToCustom = (event, context) =>
    this.snapIndex.snap(event.containerX, event.containerY, SNAP_PIXELS, context.project, context.unproject)?.coordinate;

  private readonly handleChange = (): void => {
    if (this.tool === 'none') return;
    this.emit();
  };

  private readonly handleFinish = (id: string | number, context: { mode: string; action: string }): void => {
    if (this.tool === 'none') return;
    if (context.action === 'draw' && this.featureId === null) {
      const feature = this.draw.getSnapshotFeature(id);
      const geometry = feature ? shapeOf(feature) : null;
      if (!geometry) return;
      this.featureId = id;
      this.pushHistory(geometry);
      // Once placed, the shape stays editable: drag its vertices like a reshaped grid. Terra Draw
      // is still inside its finish handler here, so switch modes just after.
      window.setTimeout(() => {
        if (this.destroyed || this.featureId !== id || !this.draw.hasFeature(id)) return;
        this.draw.selectFeature(id);
        this.emit();
      }, 0);
      this.emit();
      return;
    }
    if (id === this.featureId && EDIT_ACTIONS.has(context.action)) {
      const feature = this.draw.getSnapshotFeature(id);
      const geometry = feature ? shapeOf(feature) : null;
      if (geometry) this.pushHistory(geometry);
      this.emit();
    }
  };

  private emit(): void {
    this.revision += 1;
    const placing = this.isPlacingPoints();
    this.current = {
      tool: this.tool,
      geometry: this.tool === 'none' ? null : placing ? this.inProgressShape() : this.finishedShape(),
      drawing: placing,
      canUndo: placing ? this.draw.canUndo() : this.historyIndex > 0,
      canRedo: placing ? this.draw.canRedo() : this.historyIndex >= 0 && this.historyIndex < this.history.length - 1,
      revision: this.revision,
    };
    for (const listener of this.listeners) listener(this.current);
  }

  private finishedShape(): Polygon | LineString | null {
    if (this.featureId === null || !this.draw.hasFeature(this.featureId)) return null;
    const feature = this.draw.getSnapshotFeature(this.featureId);
    return feature ? shapeOf(feature) : null;
  }

  /** The points placed so far, without the one following the pointer. */
  private inProgressShape(): Polygon | LineString | null {
    const mode = this.tool === 'polygon' ? 'polygon' : 'linestring';
    const feature = this.draw
      .getSnapshot()
      .find((f) => f.properties['mode'] === mode && f.properties['currentlyDrawing'] === true);
    if (!feature) return null;
    const committed = Number(feature.properties['committedCoordinateCount'] ?? 0);
    if (feature.geometry.type === 'Polygon' && mode === 'polygon') {
      const ring = feature.geometry.coordinates[0] ?? [];
      const placed = ring.slice(0, Math.min(committed, ring.length - 1));
      if (placed.length < 3) return null;
      return { type: 'Polygon', coordinates: [[...placed, placed[0]!]] };
    }
    if (feature.geometry.type === 'LineString' && mode === 'linestring') {
      const placed = feature.geometry.coordinates.slice(0, Math.max(0, feature.geometry.coordinates.length - 1));
      return placed.length >= 2 ? { type: 'LineString', coordinates: placed } : null;
    }
    return null;
  }
}

function shapeOf(feature: GeoJSONStoreFeatures): Polygon | LineString | null {
  const g = feature.geometry;
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map((p) => [p[0]!, p[1]!])) };
  if (g.type === 'LineString') return { type: 'LineString', coordinates: g.coordinates.map((p) => [p[0]!, p[1]!]) };
  return null;
}

/** Terra Draw edits polygons without holes; holes (rare in grids) are kept by the caller. */
function outerRing(polygon: Polygon): Polygon {
  const ring: Position[] = (polygon.coordinates[0] ?? []).map((p) => [p[0]!, p[1]!]);
  return { type: 'Polygon', coordinates: [ring] };
}
