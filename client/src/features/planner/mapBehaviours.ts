import { useEffect, useRef, useState } from 'react';
import type { GridFeature, RegionFeature } from '../../api/types';
import type { DrawSnapshot } from '../../map/overlays/GridDraw';
import type { GridHit, PlannerMap } from '../../map/overlays/PlannerMap';
import { linkParam } from '../../ui/deepLink';
import { violationShapes } from './geometry';
import type { ShapeCheck } from './useShapeCheck';

// The workspace's hold on the map, one behaviour per hook: what is drawn, the keys that undo it,
// clicks on grids, and the layers that show the community, the selection and the live check.

/** What is being drawn on the map, as the draw tool reports it. */
export function useDrawSnapshot(planner: PlannerMap | null): DrawSnapshot | null {
  const [draft, setDraft] = useState<DrawSnapshot | null>(null);
  useEffect(() => {
    if (!planner) return;
    setDraft(planner.draw.snapshot);
    return planner.draw.onChange(setDraft);
  }, [planner]);
  return draft;
}

/** Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) undo and redo drawing steps while `active`; text fields keep their own undo. */
export function useDrawingShortcuts(planner: PlannerMap | null, active: boolean): void {
  useEffect(() => {
    if (!planner || !active) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      // Checkboxes and buttons have no undo of their own; text inputs do.
      const target = event.target instanceof HTMLElement ? event.target : null;
      const textInput = target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
      if (textInput || target?.closest('textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      if (key === 'y' || event.shiftKey) planner.draw.redo();
      else planner.draw.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [planner, active]);
}

/** Clicks on the map's grids go to the latest `onClick` (it changes with every render). */
export function useGridClicks(planner: PlannerMap | null, onClick: (hit: GridHit | null) => void): void {
  const latest = useRef(onClick);
  useEffect(() => {
    latest.current = onClick;
  });
  useEffect(() => {
    if (!planner) return;
    planner.onGridClick((hit) => latest.current(hit));
    return () => planner.onGridClick(null);
  }, [planner]);
}

/** The community's boundary, brought into view when it is chosen (a linked one opens at the link's view). */
export function useCommunityLayer(planner: PlannerMap | null, community: RegionFeature | null): void {
  const linked = useRef(linkParam('at') !== null ? linkParam('community') : null);
  useEffect(() => {
    if (!planner) return;
    planner.layers.setCommunity(community?.geometry ?? null);
    if (community && community.properties.code !== linked.current) planner.layers.fitTo([community.geometry], { padding: 40 });
    if (community) linked.current = null;
  }, [planner, community]);
}

/** The selected grid (not while its own outline is being reshaped) and the grid a merge would take in. */
export function useSelectionLayer(planner: PlannerMap | null, selected: GridFeature | null, reshaping: boolean, candidate: GridFeature | null): void {
  useEffect(() => {
    if (!planner) return;
    planner.layers.setSelected(selected && !reshaping ? [selected] : []);
    planner.layers.setCandidate(candidate);
  }, [planner, selected, reshaping, candidate]);
}

/** The outlines the shape being drawn would give, or what it breaks; nothing when no shape is drawn. */
export function useCheckLayer(planner: PlannerMap | null, shape: ShapeCheck | null, placingPoints: boolean): void {
  const preview = shape?.preview ?? null;
  const refused = shape?.refused ?? null;
  useEffect(() => {
    if (!planner) return;
    const { layers } = planner;
    const violations = refused ?? (preview?.status === 'invalid' ? preview.violations : null);
    if (!preview) {
      layers.setPreview([]);
      layers.setViolations({});
    } else if (violations) {
      layers.setPreview([]);
      layers.setViolations(violationShapes(violations));
    } else if (preview.status === 'valid') {
      layers.setPreview(preview.features);
      layers.setViolations({});
    } else if (preview.status !== 'checking' || placingPoints) {
      // While points are being placed an older result no longer matches the shape: clear it.
      layers.setPreview([]);
      layers.setViolations({});
    }
  }, [planner, preview, refused, placingPoints]);
}
