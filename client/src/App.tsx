import { Suspense, lazy, useCallback, useEffect, useRef, useState, type ComponentType } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from './api/queryClient';
import { PublicPage } from './features/public/PublicPage';
import { commonText } from './i18n/common';
import { I18nProvider } from './i18n/I18nProvider';
import { useT } from './i18n/useT';
import { MapControllerContext } from './map/MapContext';
import { MapController, type Selection } from './map/MapController';
import { exposeForTests } from './map/testHooks';
import { formatView, linkParam, parseView, setLinkParams } from './ui/deepLink';
import { DetailsPanel } from './ui/DetailsPanel';
import { FacilityList } from './ui/FacilityList';
import { Header } from './ui/Header';
import { Legend } from './ui/Legend';
import { useWorkspace, type Workspace } from './ui/route';
import { SessionProvider, useSession } from './ui/session';
import { SignInPromptProvider } from './ui/SignInDialog';
import { NotFoundPage } from './ui/NotFoundPage';
import { ErrorOverlay, LoadingOverlay } from './ui/StatusOverlay';
import { WorkspaceLoading } from './ui/WorkspaceLoading';
import { useDistrictData } from './ui/useDistrictData';
import { useFacilitiesInView } from './ui/useFacilitiesInView';
import { useViewportGrids } from './ui/useViewportGrids';
import { ZoomControls } from './ui/ZoomControls';

// The landing page (the public finder) is in the first download; the other workspaces, and
// deck.gl and terra-draw with them, load when someone first opens them.
const PAGES: Record<Workspace, ComponentType> = {
  public: PublicPage,
  coverage: lazy(() => import('./features/coverage/CoveragePage').then((m) => ({ default: m.CoveragePage }))),
  planner: lazy(() => import('./features/planner/PlannerPage').then((m) => ({ default: m.PlannerPage }))),
  data: lazy(() => import('./features/data/DataPage').then((m) => ({ default: m.DataPage }))),
  admin: lazy(() => import('./features/admin/AdminPage').then((m) => ({ default: m.AdminPage }))),
  report: lazy(() => import('./features/public/report/ReportPage').then((m) => ({ default: m.ReportPage }))),
  mygrid: lazy(() => import('./features/mygrid/MyGridPage').then((m) => ({ default: m.MyGridPage }))),
};

/** Workspaces about the map show the facilities in view under their panel; account management does not. */
const WITH_FACILITY_LIST: ReadonlySet<Workspace> = new Set(['public', 'coverage', 'planner']);

/**
 * The shell: header, one map shared by all workspaces (so switching does not reload it), and a
 * side panel whose content belongs to the current workspace.
 */
function Shell({ workspace }: { workspace: Workspace }) {
  const { t } = useT(commonText);
  const containerRef = useRef<HTMLDivElement>(null);
  // The controller handle is set once so context consumers re-render when it exists; the
  // map's own state stays inside the controller.
  const [controller, setController] = useState<MapController | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [focusDetails, setFocusDetails] = useState(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const created = MapController.create(container, parseView(linkParam('at')));
    setController(created);
    exposeForTests(created);
    const unsubscribe = created.onSelect((next) => {
      setSelection(next);
      setLinkParams({ station: next?.type === 'facility' ? next.id : null });
    });
    const unlinkView = created.onViewChange(() => {
      const { lng, lat } = created.map.getCenter();
      setLinkParams({ at: formatView({ center: [lng, lat], zoom: created.map.getZoom() }) });
    });
    // A linked station is selected again (the link's view already shows it).
    const station = linkParam('station');
    if (station) void created.whenReady().then(() => created.selectFacility(station, { move: !created.openedAtLink }));
    return () => {
      unsubscribe();
      unlinkView();
      exposeForTests(null);
      created.destroy();
      setController(null);
    };
  }, []);

  const { user } = useSession();
  const { state, retry, cityName } = useDistrictData(controller, user);
  const areaName = cityName ?? t('app.district');
  const grids = useViewportGrids(controller, state.status === 'ready');
  const inView = useFacilitiesInView(controller, state.status === 'ready' && WITH_FACILITY_LIST.has(workspace), user?.id ?? null);

  const closeDetails = useCallback(() => {
    setFocusDetails(false);
    controller?.clearSelection();
  }, [controller]);

  const chooseFacility = useCallback(
    (id: string | number) => {
      setFocusDetails(true);
      controller?.selectFacility(id);
    },
    [controller],
  );

  const Page = PAGES[workspace];
  return (
    <MapControllerContext.Provider value={controller}>
      <div className="app" data-workspace={workspace}>
        <Header workspace={workspace} areaName={areaName} />
        <main className="app-main">
          <aside id="workspace-panel" className="workspace-panel" tabIndex={-1} aria-label={t(`nav.${workspace}`)}>
            {/* One boundary per workspace: the page being left goes at once instead of staying
                hidden in the document while the next one's code downloads. */}
            <Suspense key={workspace} fallback={<WorkspaceLoading workspace={workspace} />}>
              <Page />
            </Suspense>
            {state.status === 'ready' && WITH_FACILITY_LIST.has(workspace) && (
              <FacilityList
                facilities={inView.features}
                total={inView.total}
                selectedId={selection?.type === 'facility' ? selection.id : null}
                onChoose={chooseFacility}
              />
            )}
          </aside>
          <div className="map-area">
            <div
              ref={containerRef}
              className="map-container"
              role="region"
              aria-label={t('map.label', { district: areaName })}
              data-ready={state.status === 'ready' ? 'true' : 'false'}
            />
            {state.status === 'ready' && grids.state.status === 'zoom-in' && (
              <p className="map-chip">{t('map.zoomForGrids')}</p>
            )}
            {state.status === 'ready' && grids.state.status === 'loading' && (
              <p className="map-chip" role="status">
                {t('status.loadingGrids')}
              </p>
            )}
            {grids.state.status === 'error' && (
              <div className="map-chip map-chip-error" role="alert">
                {t('status.gridsError', { message: grids.state.error.message })}
                <button type="button" className="link-button" onClick={grids.retry}>
                  {t('status.retry')}
                </button>
              </div>
            )}
            {controller && <ZoomControls controller={controller} />}
            <Legend key={workspace} folded={workspace === 'planner' || workspace === 'coverage'} />
            {selection && <DetailsPanel selection={selection} onClose={closeDetails} takeFocus={focusDetails} />}
            {state.status === 'loading' && <LoadingOverlay />}
            {state.status === 'error' && <ErrorOverlay error={state.error} onRetry={retry} />}
          </div>
        </main>
      </div>
    </MapControllerContext.Provider>
  );
}

/** The shell on the app's own paths, the 404 page on any other (the server answers those with 404 too). */
function Routed() {
  const workspace = useWorkspace();
  return workspace ? <Shell workspace={workspace} /> : <NotFoundPage />;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
    <I18nProvider>
      <SessionProvider>
        <SignInPromptProvider>
          <Routed />
        </SignInPromptProvider>
      </SessionProvider>
    </I18nProvider>
    </QueryClientProvider>
  );
}
