import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Geometry } from 'geojson';
import { createGrid } from '../../api/createGrid';
import type { CoverageReport, EditResponse, GridVersion, Impact, Polygonal, Violation } from '../../api/gridEditTypes';
import { ApiError } from '../../api/http';
import { mergeGrids } from '../../api/mergeGrids';
import type { PreviewGridInput } from '../../api/previewGrid';
import { restoreGrid } from '../../api/restoreGrid';
import { retireGrid } from '../../api/retireGrid';
import { splitGrid } from '../../api/splitGrid';
import type { GridFeature } from '../../api/types';
import { updateGrid } from '../../api/updateGrid';
import type { DrawSnapshot } from '../../map/overlays/GridDraw';
import type { GridHit } from '../../map/overlays/PlannerMap';
import { useSession } from '../../ui/session';
import { CheckPanel, ViolationList, type CheckView } from './CheckPanel';
import { CommunityPicker } from './CommunityPicker';
import { ConfirmDialog } from './ConfirmDialog';
import { ConflictDialog, type Conflict, type ConflictRow } from './ConflictDialog';
import { CoveragePanel } from './CoveragePanel';
import { assemble, largestPart, partOutline, sameRing, violationShapes } from './geometry';
import { changedAttributes, emptyForm, formFromGrid, formToAttributes, validateForm, type AttrForm } from './gridForm';
import { GridForm } from './GridForm';
import { HistoryPanel } from './HistoryPanel';
import { ImpactView } from './ImpactView';
import { PlannerLegend } from './PlannerLegend';
import { fill, usePlannerStrings } from './strings';
import { useCommunities } from './useCommunities';
import { useCommunityGrids } from './useCommunityGrids';
import { usePlannerMap } from './usePlannerMap';
import { usePreview } from './usePreview';

type Mode =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'reshape'; gridId: number; part: number }
  | { kind: 'split'; gridId: number }
  | { kind: 'merge'; gridId: number; otherId: number | null };

type Notice = { kind: 'success'; text: string; impact?: Impact } | { kind: 'error'; text: string; violations?: Violation[] };

type Confirm = { kind: 'retire'; grid: GridFeature } | { kind: 'restore'; grid: GridFeature; version: GridVersion };

const gridId = (g: GridFeature) => Number(g.properties.id);

/** "胜利门社区第9网格": one past the highest number the community's grid names use. */
function suggestName(communityName: string, grids: GridFeature[]): string {
  const numbers = grids.map((g) => /第(\d+)网格/.exec(g.properties.name)?.[1]).map(Number).filter(Number.isFinite);
  return `${communityName}第${Math.max(grids.length, ...numbers) + 1}网格`;
}

/** The 网格规划 workspace for a signed-in planner or admin. */
export function PlannerWorkspace() {
  const session = useSession();
  const user = session.user;
  const text = usePlannerStrings();
  const { s } = text;
  const planner = usePlannerMap();
  const ids = { note: useId(), partName: useId(), merge: useId(), adjust: useId(), clip: useId(), blocker: useId() };

  const { state: communitiesState, retry: retryCommunities } = useCommunities(user?.regionCode ?? null);
  const communities = useMemo(() => (communitiesState.status === 'ready' ? communitiesState.communities : []), [communitiesState]);
  const [communityCode, setCommunityCode] = useState<string | null>(null);
  const community = communities.find((c) => c.properties.code === communityCode) ?? null;
  const { state: gridsState, grids, reload } = useCommunityGrids(communityCode);

  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selected = grids.find((g) => gridId(g) === selectedId) ?? null;
  const [pendingSelect, setPendingSelect] = useState<number | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'none' });
  const [draft, setDraft] = useState<DrawSnapshot | null>(null);
  const [form, setForm] = useState<AttrForm | null>(null);
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const [adjust, setAdjust] = useState(true);
  const [clip, setClip] = useState(false);
  const [note, setNote] = useState('');
  const [noteTouched, setNoteTouched] = useState(false);
  const [partName, setPartName] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [refused, setRefused] = useState<Violation[] | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [coverageOpen, setCoverageOpen] = useState(false);
  const [revision, setRevision] = useState(0);

  // A single community in scope (a community planner) needs no choosing.
  useEffect(() => {
    if (communityCode === null && communities.length === 1) setCommunityCode(communities[0]!.properties.code);
  }, [communities, communityCode]);

  useEffect(() => {
    if (!planner) return;
    setDraft(planner.draw.snapshot);
    return planner.draw.onChange(setDraft);
  }, [planner]);

  const selectedIdRef = useRef<number | null>(null);
  selectedIdRef.current = selectedId;
  const selectGrid = useCallback((id: number | null, list: GridFeature[]) => {
    const g = id === null ? null : (list.find((x) => gridId(x) === id) ?? null);
    const next = g ? gridId(g) : null;
    if (next !== selectedIdRef.current) setHistoryOpen(false);
    selectedIdRef.current = next;
    setSelectedId(next);
    setForm(g ? formFromGrid(g.properties) : null);
    setBaseVersion(g ? g.properties.version : null);
  }, []);

  // A grid clicked in another community is selected once that community's grids are in.
  useEffect(() => {
    if (pendingSelect === null || gridsState.status !== 'ready') return;
    selectGrid(pendingSelect, gridsState.grids);
    setPendingSelect(null);
  }, [pendingSelect, gridsState, selectGrid]);

  // --- the shape being edited -------------------------------------------------------------
  const editGrid = mode.kind === 'reshape' || mode.kind === 'split' || mode.kind === 'merge' ? (grids.find((g) => gridId(g) === mode.gridId) ?? null) : null;
  const drawnPolygon = draft?.geometry?.type === 'Polygon' ? draft.geometry : null;
  const drawnLine = draft?.geometry?.type === 'LineString' && !draft.drawing ? draft.geometry : null;
  let workingGeometry: Polygonal | null = null;
  let geometryChanged = false;
  if (mode.kind === 'create' && drawnPolygon) {
    workingGeometry = drawnPolygon;
    geometryChanged = true;
  } else if (mode.kind === 'reshape' && editGrid && drawnPolygon) {
    geometryChanged = !sameRing(editGrid.geometry.coordinates[mode.part]?.[0], drawnPolygon.coordinates[0]);
    if (geometryChanged) workingGeometry = assemble(editGrid.geometry, mode.part, drawnPolygon);
  }
  const workingKey = workingGeometry ? JSON.stringify(workingGeometry) : null;
  const editName = editGrid?.properties.name ?? null;

  const previewRequest = useMemo<PreviewGridInput | null>(() => {
    if (!workingKey) return null;
    const geometry = JSON.parse(workingKey) as Polygonal;
    if (mode.kind === 'create' && communityCode) return { communityCode, geometry, adjustNeighbours: adjust, clip };
    // The name goes along so the impact names the grid as it is (the dry run otherwise uses a placeholder).
    if (mode.kind === 'reshape') return { id: mode.gridId, geometry, adjustNeighbours: adjust, clip, ...(editName ? { attributes: { name: editName } } : {}) };
    return null;
  }, [workingKey, mode, communityCode, adjust, clip, editName]);
  const { state: preview, retry: retryPreview } = usePreview(previewRequest);

  // A refusal from the server belongs to the shape that was sent: drop it once the shape changes.
  useEffect(() => setRefused(null), [workingKey, adjust, clip, mode.kind]);

  const formErrors = form ? validateForm(form) : {};
  const formValid = Object.keys(formErrors).length === 0;
  const attrChanges = form && selected && formValid && mode.kind !== 'create' ? changedAttributes(form, selected.properties) : {};
  const attrsChanged = Object.keys(attrChanges).length > 0;

  let check: CheckView | null = null;
  if (mode.kind === 'create') check = workingGeometry ? preview : { status: 'idle' };
  else if (mode.kind === 'reshape') check = geometryChanged ? preview : { status: 'unchanged' };
  if (check && refused) check = { status: 'invalid', violations: refused };

  // --- the map ------------------------------------------------------------------------------
  useEffect(() => {
    if (!planner) return;
    planner.layers.setCommunity(community?.geometry ?? null);
    if (community) planner.layers.fitTo([community.geometry], { padding: 40 });
  }, [planner, community]);

  const mergeOther = mode.kind === 'merge' && mode.otherId !== null ? (grids.find((g) => gridId(g) === mode.otherId) ?? null) : null;
  useEffect(() => {
    if (!planner) return;
    planner.layers.setSelected(selected && mode.kind !== 'reshape' ? [selected] : []);
    planner.layers.setCandidate(mergeOther);
  }, [planner, selected, mode.kind, mergeOther]);

  const placingPoints = draft?.drawing ?? false;
  useEffect(() => {
    if (!planner) return;
    const { layers } = planner;
    const violations = refused ?? (preview.status === 'invalid' ? preview.violations : null);
    if (mode.kind !== 'create' && mode.kind !== 'reshape') {
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
  }, [planner, preview, refused, mode.kind, placingPoints]);

  // Clicks on the map: choose a grid (and its community), or the second grid of a merge.
  const clickRef = useRef<(hit: GridHit | null) => void>(() => undefined);
  clickRef.current = (hit) => {
    if (busy || conflict || confirm) return;
    if (mode.kind === 'merge') {
      if (hit && hit.id !== mode.gridId && hit.communityCode === communityCode) setMode({ ...mode, otherId: hit.id });
      return;
    }
    if (mode.kind !== 'none' || attrsChanged) return;
    if (!hit) {
      selectGrid(null, grids);
      return;
    }
    if (hit.communityCode !== communityCode) {
      if (!communities.some((c) => c.properties.code === hit.communityCode)) return;
      setCommunityCode(hit.communityCode);
      setCoverageOpen(false);
      selectGrid(null, []);
      setPendingSelect(hit.id);
      return;
    }
    selectGrid(hit.id, grids);
  };
  useEffect(() => {
    if (!planner) return;
    planner.onGridClick((hit) => clickRef.current(hit));
    return () => planner.onGridClick(null);
  }, [planner]);

  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) undo and redo drawing steps; text fields keep their own undo.
  const drawing = mode.kind === 'create' || mode.kind === 'reshape' || mode.kind === 'split';
  useEffect(() => {
    if (!planner || !drawing) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      // Text fields keep their own undo; checkboxes and buttons do not have one.
      const target = event.target instanceof HTMLElement ? event.target : null;
      const textInput = target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
      if (textInput || target?.closest('textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      if (key === 'y' || event.shiftKey) planner.draw.redo();
      else planner.draw.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [planner, drawing]);

  // --- actions ------------------------------------------------------------------------------
  const snapTo = (exclude: number | null) => {
    const geometries: (Geometry | null)[] = grids.filter((g) => gridId(g) !== exclude).map((g) => g.geometry);
    geometries.push(community?.geometry ?? null);
    planner?.draw.setSnapGeometries(geometries);
  };

  const resetEdit = () => {
    planner?.draw.stop();
    planner?.layers.clearEdit();
    setMode({ kind: 'none' });
    setNote('');
    setNoteTouched(false);
    setPartName('');
    setRefused(null);
    setConflict(null);
  };

  const chooseCommunity = (code: string) => {
    resetEdit();
    setCommunityCode(code);
    setCoverageOpen(false);
    setNotice(null);
    selectGrid(null, []);
  };

  const startCreate = () => {
    if (!planner || !community) return;
    resetEdit();
    setAdjust(true);
    setClip(false);
    setNotice(null);
    selectGrid(null, grids);
    setForm(emptyForm(suggestName(community.properties.name, grids)));
    snapTo(null);
    planner.draw.drawPolygon();
    setMode({ kind: 'create' });
  };

  const startReshape = () => {
    if (!planner || !selected) return;
    resetEdit();
    setAdjust(true);
    setClip(false);
    setNotice(null);
    const part = largestPart(selected.geometry);
    snapTo(gridId(selected));
    try {
      planner.draw.edit(partOutline(selected.geometry, part));
    } catch (err) {
      setNotice({ kind: 'error', text: fill(s.errorPrefix, { message: err instanceof Error ? err.message : String(err) }) });
      return;
    }
    setMode({ kind: 'reshape', gridId: gridId(selected), part });
  };

  const startSplit = () => {
    if (!planner || !selected) return;
    resetEdit();
    setNotice(null);
    snapTo(gridId(selected));
    planner.draw.drawLine();
    setMode({ kind: 'split', gridId: gridId(selected) });
  };

  const startMerge = () => {
    if (!selected) return;
    resetEdit();
    setNotice(null);
    setMode({ kind: 'merge', gridId: gridId(selected), otherId: null });
  };

  const cancelEdit = () => {
    resetEdit();
    if (selected) setForm(formFromGrid(selected.properties));
  };

  /** The grid's version in the list the save works from (a reloaded one when retrying after a conflict). */
  const versionIn = (list: GridFeature[], grid: GridFeature) => (list.find((g) => gridId(g) === gridId(grid)) ?? grid).properties.version;

  const neighbourVersions = (list: GridFeature[], exclude: number | null) =>
    Object.fromEntries(list.filter((g) => gridId(g) !== exclude).map((g) => [String(gridId(g)), g.properties.version]));

  const afterSave = async (selectId: number | null, message: string, impact?: Impact) => {
    resetEdit();
    setConfirm(null);
    setConfirmError(null);
    let fresh = grids;
    try {
      fresh = await reload();
    } catch {
      /* the list shows its own error and retry */
    }
    selectGrid(selectId, fresh);
    planner?.refreshGrids();
    setRevision((n) => n + 1);
    setNotice(impact ? { kind: 'success', text: message, impact } : { kind: 'success', text: message });
  };

  const showError = (err: unknown) => {
    if (err instanceof ApiError) {
      const details = (err.details ?? {}) as { violations?: Violation[]; current?: GridFeature | null; grids?: { id: number }[] };
      if (err.status === 409 && err.code === 'VERSION_CONFLICT' && details.current !== undefined) {
        const theirs = details.current;
        const mine = (mode.kind === 'reshape' ? workingGeometry : null) ?? selected?.geometry ?? null;
        planner?.layers.setConflict(theirs?.geometry ?? null, mine);
        planner?.layers.fitTo([theirs?.geometry ?? null, mine], { padding: 80 });
        const mineAttrs = form && formValid ? formToAttributes(form) : null;
        const rows: ConflictRow[] = [];
        if (theirs && mineAttrs) {
          const shown = (v: string | number | null) => (v === null || v === '' ? s.none : String(v));
          const fields: [string, string | number | null, string | number | null][] = [
            [s.name, theirs.properties.name, mineAttrs.name],
            [s.households, theirs.properties.households, mineAttrs.households],
            [s.population, theirs.properties.population, mineAttrs.population],
            [s.leaderName, theirs.properties.leaderName, mineAttrs.leaderName],
            [s.leaderPhone, theirs.properties.leaderPhone, mineAttrs.leaderPhone],
          ];
          for (const [label, a, b] of fields) if (shown(a) !== shown(b)) rows.push({ label, theirs: shown(a), mine: shown(b) });
        }
        setConflict({
          kind: 'version',
          name: theirs?.properties.name ?? selected?.properties.name ?? '',
          mine: baseVersion ?? 0,
          theirs: theirs?.properties.version ?? 0,
          rows,
          shapeDiffers: JSON.stringify(theirs?.geometry ?? null) !== JSON.stringify(mine),
        });
        return;
      }
      if (err.status === 409 && err.code === 'NEIGHBOUR_CHANGED') {
        const changed = new Set((details.grids ?? []).map((g) => g.id));
        const codes = grids.filter((g) => changed.has(gridId(g))).map((g) => g.properties.code);
        setConflict({ kind: 'neighbour', codes: codes.length > 0 ? codes : [...changed].map(String) });
        return;
      }
      if (err.status === 422 && details.violations && details.violations.length > 0) {
        if (mode.kind === 'create' || mode.kind === 'reshape') setRefused(details.violations);
        setNotice({ kind: 'error', text: s.rulesRefused, violations: details.violations });
        return;
      }
      setNotice({ kind: 'error', text: fill(s.errorPrefix, { message: `${err.message} (${err.code})` }) });
      return;
    }
    setNotice({ kind: 'error', text: fill(s.errorPrefix, { message: err instanceof Error ? err.message : String(err) }) });
  };

  const run = async <T,>(action: () => Promise<T>, done: (result: T) => Promise<void>) => {
    setBusy(true);
    setNotice(null);
    setRefused(null);
    try {
      const result = await action();
      await done(result);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const savedText = (r: EditResponse) => fill(s.saved, { name: r.feature.properties.name, code: r.feature.properties.code, version: r.feature.properties.version });

  const save = (options: { version?: number; grids?: GridFeature[] } = {}) => {
    const list = options.grids ?? grids;
    const trimmed = note.trim();
    setNoteTouched(true);
    if (mode.kind === 'create') {
      if (!drawnPolygon || !communityCode || !form) return;
      const geometry = drawnPolygon;
      void run(
        () => createGrid({ geometry, communityCode, attributes: formToAttributes(form), note: trimmed, adjustNeighbours: adjust, clip, neighbourVersions: neighbourVersions(list, null) }),
        (r) => afterSave(gridId(r.feature), fill(s.created, { name: r.feature.properties.name, code: r.feature.properties.code }), r.impact),
      );
      return;
    }
    if (mode.kind === 'split') {
      if (!editGrid || !drawnLine) return;
      const line = drawnLine;
      const id = gridId(editGrid);
      const version = options.version ?? versionIn(list, editGrid);
      void run(
        () => splitGrid(id, version, line, trimmed, partName.trim() || undefined),
        (r) => {
          const created = r.neighbours[0];
          return afterSave(id, fill(s.splitDone, { name: created?.properties.name ?? '', code: created?.properties.code ?? '' }), r.impact);
        },
      );
      return;
    }
    if (mode.kind === 'merge') {
      if (!editGrid || mode.otherId === null) return;
      const keep = { id: gridId(editGrid), version: versionIn(list, editGrid) };
      const otherGrid = list.find((g) => gridId(g) === mode.otherId);
      if (!otherGrid) return;
      const absorb = { id: gridId(otherGrid), version: otherGrid.properties.version };
      const id = keep.id;
      void run(
        () => mergeGrids(keep, absorb, trimmed, partName.trim() || undefined),
        (r) => afterSave(id, fill(s.mergeDone, { name: r.feature.properties.name, code: r.feature.properties.code }), r.impact),
      );
      return;
    }
    if (!selected || baseVersion === null) return;
    const id = gridId(selected);
    const geometry = mode.kind === 'reshape' && geometryChanged ? workingGeometry : null;
    void run(
      () =>
        updateGrid({
          id,
          version: options.version ?? baseVersion,
          geometry,
          attributes: attrChanges,
          note: trimmed,
          ...(geometry ? { adjustNeighbours: adjust, clip, neighbourVersions: neighbourVersions(list, id) } : {}),
        }),
      (r) => afterSave(id, savedText(r), r.impact),
    );
  };

  const reloadAfterConflict = async () => {
    const id = selectedId;
    planner?.layers.setConflict(null, null);
    resetEdit();
    setBusy(true);
    try {
      const fresh = await reload();
      selectGrid(id, fresh);
      planner?.refreshGrids();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const keepMineAndRetry = async () => {
    const current = conflict;
    planner?.layers.setConflict(null, null);
    setConflict(null);
    setBusy(true);
    let fresh = grids;
    try {
      fresh = await reload();
    } catch {
      /* retry with what we have; the server will say if it is still stale */
    }
    setBusy(false);
    const theirs = fresh.find((g) => gridId(g) === selectedId);
    if (current?.kind === 'version' && theirs) setBaseVersion(theirs.properties.version);
    save({ grids: fresh, ...(current?.kind === 'version' ? { version: theirs?.properties.version ?? current.theirs } : {}) });
  };

  const doConfirm = (confirmNote: string, adjustOnRestore: boolean) => {
    if (!confirm) return;
    const grid = confirm.grid;
    const id = gridId(grid);
    setBusy(true);
    setConfirmError(null);
    const action =
      confirm.kind === 'retire'
        ? retireGrid(id, grid.properties.version, confirmNote).then((r) =>
            afterSave(null, fill(s.retired, { name: grid.properties.name, code: grid.properties.code }), r.impact),
          )
        : restoreGrid(id, confirm.version.version, grid.properties.version, confirmNote, { adjustNeighbours: adjustOnRestore }).then((r) =>
            afterSave(
              id,
              fill(s.restored, { name: r.feature.properties.name, code: r.feature.properties.code, from: confirm.version.version, version: r.feature.properties.version }),
              r.impact,
            ),
          );
    action
      .catch((err: unknown) => {
        if (err instanceof ApiError) {
          const violations = (err.details as { violations?: Violation[] } | undefined)?.violations;
          setConfirmError(violations?.length ? violations.map((v) => v.message).join('；') : `${err.message} (${err.code})`);
        } else setConfirmError(String(err));
      })
      .finally(() => setBusy(false));
  };

  const showHistoryOutline = useCallback((geometry: Polygonal | null) => planner?.layers.setHistoryOutline(geometry), [planner]);
  const showCoverage = useCallback((report: CoverageReport | null) => planner?.layers.setCoverage(report?.gaps ?? null, report?.overlaps ?? null), [planner]);
  const focusOn = useCallback((geometry: Geometry) => planner?.layers.fitTo([geometry], { maxZoom: 18, padding: 80 }), [planner]);
  const closeCoverage = useCallback(() => setCoverageOpen(false), []);
  const closeHistory = useCallback(() => setHistoryOpen(false), []);

  if (!user) return null;

  // --- what blocks the save ------------------------------------------------------------------
  const editing = mode.kind !== 'none' || attrsChanged;
  let blocker: string | null = null;
  if (mode.kind === 'create') {
    if (!drawnPolygon || draft?.drawing) blocker = s.blockedDrawing;
  } else if (mode.kind === 'reshape') {
    if (!geometryChanged && !attrsChanged) blocker = s.blockedNoChanges;
  } else if (mode.kind === 'split') {
    if (!drawnLine) blocker = s.blockedNoLine;
  } else if (mode.kind === 'merge') {
    if (mode.otherId === null) blocker = s.blockedNoOther;
  } else if (!attrsChanged) blocker = s.blockedNoChanges;
  if (!blocker && (mode.kind === 'create' || mode.kind === 'reshape' || mode.kind === 'none') && !formValid) blocker = s.blockedForm;
  if (!blocker && (mode.kind === 'create' || (mode.kind === 'reshape' && geometryChanged))) {
    if (refused || preview.status === 'invalid') blocker = s.blockedBroken;
    else if (preview.status === 'checking' || preview.status === 'idle') blocker = s.blockedChecking;
    else if (preview.status === 'error') blocker = s.blockedCheckFailed;
  }
  if (!blocker && note.trim().length < 2) blocker = s.noteRequired;

  const actionLabel = mode.kind === 'split' ? s.doSplit : mode.kind === 'merge' ? s.doMerge : s.save;
  const gridsReady = gridsState.status === 'ready';
  const toolsLocked = busy || mode.kind !== 'none' || attrsChanged;

  const editTitle =
    mode.kind === 'create'
      ? s.editing.create
      : mode.kind === 'reshape'
        ? fill(s.editing.reshape, { name: editGrid?.properties.name ?? '' })
        : mode.kind === 'split'
          ? fill(s.editing.split, { name: editGrid?.properties.name ?? '' })
          : mode.kind === 'merge'
            ? fill(s.editing.merge, { name: editGrid?.properties.name ?? '' })
            : fill(s.editing.attributes, { name: selected?.properties.name ?? '' });

  const hint =
    mode.kind === 'create'
      ? drawnPolygon && !draft?.drawing
        ? s.hintCreateDone
        : s.hintCreate
      : mode.kind === 'reshape'
        ? s.hintReshape
        : mode.kind === 'split'
          ? drawnLine
            ? s.hintSplitDone
            : s.hintSplit
          : mode.kind === 'merge'
            ? s.hintMerge
            : null;

  const editor: ReactNode = editing && (
    <section className="planner-section planner-editor" aria-labelledby="planner-editor-heading" data-mode={mode.kind}>
      <h2 id="planner-editor-heading">{editTitle}</h2>
      {hint && (
        <p className="planner-hint" role="status">
          {hint}
        </p>
      )}
      {(mode.kind === 'create' || mode.kind === 'reshape') && (
        <div className="planner-toggles">
          <div className="planner-toggle">
            <input id={ids.adjust} type="checkbox" checked={adjust} onChange={(e) => setAdjust(e.target.checked)} aria-describedby={`${ids.adjust}-hint`} />
            <label htmlFor={ids.adjust}>{s.adjustNeighbours}</label>
            <p id={`${ids.adjust}-hint`} className="planner-hint">
              {s.adjustNeighboursHint}
            </p>
          </div>
          <div className="planner-toggle">
            <input id={ids.clip} type="checkbox" checked={clip} onChange={(e) => setClip(e.target.checked)} aria-describedby={`${ids.clip}-hint`} />
            <label htmlFor={ids.clip}>{s.clip}</label>
            <p id={`${ids.clip}-hint`} className="planner-hint">
              {s.clipHint}
            </p>
          </div>
        </div>
      )}
      {drawing && (
        <div className="planner-undo" role="group" aria-label={s.undoHint}>
          <button type="button" className="planner-button planner-button-small" onClick={() => planner?.draw.undo()} disabled={!draft?.canUndo} title="Ctrl+Z" aria-keyshortcuts="Control+Z">
            ↶ {s.undo}
          </button>
          <button
            type="button"
            className="planner-button planner-button-small"
            onClick={() => planner?.draw.redo()}
            disabled={!draft?.canRedo}
            title="Ctrl+Shift+Z"
            aria-keyshortcuts="Control+Shift+Z"
          >
            ↷ {s.redo}
          </button>
          <span className="planner-hint">{s.undoHint}</span>
        </div>
      )}
      {mode.kind === 'merge' && editGrid && (
        <div className="planner-field">
          <label htmlFor={ids.merge}>{s.mergeWith}</label>
          <select id={ids.merge} value={mode.otherId ?? ''} onChange={(e) => setMode({ ...mode, otherId: e.target.value ? Number(e.target.value) : null })}>
            <option value="">{s.mergeChoose}</option>
            {grids
              .filter((g) => gridId(g) !== mode.gridId)
              .map((g) => (
                <option key={gridId(g)} value={gridId(g)}>
                  {g.properties.name}（{g.properties.code}）
                </option>
              ))}
          </select>
          {mergeOther && (
            <p className="planner-hint">
              {fill(s.mergeSummary, { other: mergeOther.properties.name, name: editGrid.properties.name, code: editGrid.properties.code, otherCode: mergeOther.properties.code })}
            </p>
          )}
        </div>
      )}
      {(mode.kind === 'split' || mode.kind === 'merge') && (
        <div className="planner-field">
          <label htmlFor={ids.partName}>{mode.kind === 'split' ? s.newPartName : s.mergedName}</label>
          <input
            id={ids.partName}
            value={partName}
            placeholder={mode.kind === 'split' ? `${editGrid?.properties.name ?? ''}（拆分）` : (editGrid?.properties.name ?? '')}
            onChange={(e) => setPartName(e.target.value)}
          />
        </div>
      )}
      {check && <CheckPanel view={check} onRetry={retryPreview} newGridId={mode.kind === 'create' && preview.status === 'valid' ? gridId(preview.features[0]!) : null} />}
      {mode.kind === 'create' && form && <GridForm form={form} errors={formErrors} onChange={setForm} />}
      <div className="planner-field">
        <label htmlFor={ids.note}>{s.note}</label>
        <input
          id={ids.note}
          value={note}
          placeholder={s.notePlaceholder}
          required
          aria-invalid={noteTouched && note.trim().length < 2 ? true : undefined}
          onBlur={() => setNoteTouched(true)}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <div className="planner-save">
        <button
          type="button"
          className="planner-button planner-button-primary"
          disabled={busy || blocker !== null}
          aria-describedby={blocker ? ids.blocker : undefined}
          aria-busy={busy}
          onClick={() => save()}
        >
          {busy ? s.saving : actionLabel}
        </button>
        <button type="button" className="planner-button" onClick={cancelEdit} disabled={busy}>
          {s.cancel}
        </button>
      </div>
      {blocker && (
        <p id={ids.blocker} className="planner-blocker" data-blocker="true">
          {blocker}
        </p>
      )}
    </section>
  );

  return (
    <div className="workspace-panel-content planner">
      <h1>{s.title}</h1>
      <p className="muted planner-user">{fill(s.signedInAs, { name: user.displayName, region: user.regionName })}</p>

      <CommunityPicker state={communitiesState} value={communityCode} disabled={busy || mode.kind !== 'none'} onChange={chooseCommunity} onRetry={retryCommunities} />

      {community && (
        <div className="planner-toolbar">
          <button type="button" className="planner-button planner-button-primary" onClick={startCreate} disabled={!planner || !gridsReady || toolsLocked}>
            ＋ {s.newGrid}
          </button>
          <button type="button" className="planner-button" aria-pressed={coverageOpen} onClick={() => setCoverageOpen((open) => !open)}>
            {s.coverageCheck}
          </button>
        </div>
      )}

      {notice && (
        <div className={`planner-notice planner-notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <p>{notice.text}</p>
          {notice.kind === 'error' && notice.violations && <ViolationList violations={notice.violations} />}
          {notice.kind === 'success' && notice.impact && <ImpactView impact={notice.impact} />}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            {s.close}
          </button>
        </div>
      )}

      {coverageOpen && community && (
        <CoveragePanel
          communityCode={community.properties.code}
          communityName={community.properties.name}
          revision={revision}
          onReport={showCoverage}
          onFocus={focusOn}
          onClose={closeCoverage}
        />
      )}

      {mode.kind === 'create' && editor}

      {selected && mode.kind !== 'create' && (
        <section className="planner-section planner-selected" aria-labelledby="planner-selected-heading" data-grid-id={gridId(selected)} data-grid-code={selected.properties.code}>
          <div className="planner-section-header">
            <div>
              <p className="planner-kicker">{s.selectedGrid}</p>
              <h2 id="planner-selected-heading">{selected.properties.name}</h2>
            </div>
            <button type="button" className="icon-button" aria-label={s.deselect} title={s.deselect} onClick={() => selectGrid(null, grids)} disabled={toolsLocked}>
              ×
            </button>
          </div>
          <div className="planner-actions" role="toolbar" aria-label={selected.properties.name}>
            <button type="button" className="planner-button" onClick={startReshape} disabled={!planner || toolsLocked}>
              {s.reshape}
            </button>
            <button type="button" className="planner-button" onClick={startSplit} disabled={!planner || toolsLocked}>
              {s.split}
            </button>
            <button type="button" className="planner-button" onClick={startMerge} disabled={toolsLocked || grids.length < 2}>
              {s.merge}
            </button>
            <button type="button" className="planner-button" aria-pressed={historyOpen} onClick={() => setHistoryOpen((open) => !open)} disabled={busy}>
              {s.history}
            </button>
            <button
              type="button"
              className="planner-button planner-button-danger"
              onClick={() => {
                setConfirmError(null);
                setConfirm({ kind: 'retire', grid: selected });
              }}
              disabled={toolsLocked}
            >
              {s.retire}
            </button>
          </div>
          {form && (
            <GridForm
              form={form}
              errors={formErrors}
              onChange={setForm}
              disabled={busy || (mode.kind !== 'none' && mode.kind !== 'reshape')}
              facts={[
                { label: s.code, value: selected.properties.code },
                { label: s.community, value: community?.properties.name ?? selected.properties.communityCode },
                { label: s.version, value: String(selected.properties.version) },
              ]}
            />
          )}
          {editor}
        </section>
      )}

      {historyOpen && selected && (
        <HistoryPanel
          gridId={gridId(selected)}
          name={selected.properties.name}
          version={selected.properties.version}
          onShowOutline={showHistoryOutline}
          onRestore={(version) => {
            setConfirmError(null);
            setConfirm({ kind: 'restore', grid: selected, version });
          }}
          onClose={closeHistory}
        />
      )}

      {community && (
        <section className="planner-section planner-grid-list" aria-labelledby="planner-grid-list-heading">
          <h2 id="planner-grid-list-heading">{fill(s.gridsOf, { community: community.properties.name, count: grids.length })}</h2>
          {gridsState.status === 'loading' && (
            <p className="muted" role="status">
              {s.gridsLoading}
            </p>
          )}
          {gridsState.status === 'error' && (
            <p className="planner-error" role="alert">
              {fill(s.gridsError, { message: gridsState.error.message })}{' '}
              <button type="button" className="link-button" onClick={() => void reload().catch(() => undefined)}>
                {s.retry}
              </button>
            </p>
          )}
          {gridsState.status === 'ready' && grids.length === 0 && <p className="muted">{s.noGrids}</p>}
          <ul aria-label={s.gridListLabel}>
            {grids.map((g) => (
              <li key={gridId(g)}>
                <button
                  type="button"
                  className="planner-grid-item"
                  aria-pressed={gridId(g) === selectedId}
                  disabled={toolsLocked && gridId(g) !== selectedId}
                  onClick={() => {
                    selectGrid(gridId(g), grids);
                    planner?.layers.fitTo([g.geometry], { maxZoom: 17, padding: 80 });
                  }}
                >
                  <span className="planner-grid-name">{g.properties.name}</span>
                  <span className="planner-code">{g.properties.code}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <PlannerLegend />

      {conflict && (
        <ConflictDialog
          conflict={conflict}
          busy={busy}
          onReload={() => void reloadAfterConflict()}
          onKeepMine={() => void keepMineAndRetry()}
          onClose={() => {
            planner?.layers.setConflict(null, null);
            setConflict(null);
          }}
        />
      )}
      {confirm && (
        <ConfirmDialog
          key={confirm.kind === 'restore' ? `restore-${confirm.version.version}` : 'retire'}
          title={confirm.kind === 'retire' ? s.confirmRetireTitle : s.confirmRestoreTitle}
          text={
            confirm.kind === 'retire'
              ? fill(s.confirmRetireText, { name: confirm.grid.properties.name, code: confirm.grid.properties.code })
              : fill(s.confirmRestoreText, { name: confirm.grid.properties.name, version: confirm.version.version, when: text.date(confirm.version.changedAt) })
          }
          confirmLabel={confirm.kind === 'retire' ? s.confirmRetire : s.confirmRestore}
          danger={confirm.kind === 'retire'}
          initialNote={confirm.kind === 'restore' ? fill(s.restoreNoteDefault, { version: confirm.version.version }) : ''}
          busy={busy}
          error={confirmError}
          {...(confirm.kind === 'restore' ? { option: { label: s.adjustNeighbours, hint: s.adjustNeighboursHint, initial: true } } : {})}
          onConfirm={doConfirm}
          onClose={() => {
            setConfirm(null);
            setConfirmError(null);
          }}
        />
      )}
    </div>
  );
}
