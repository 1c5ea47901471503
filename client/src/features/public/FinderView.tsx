import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { MapMouseEvent } from 'maplibre-gl';
import type { NearestResponse, NearestResult } from '../../api/getNearest';
import type { SearchResult } from '../../api/searchPlaces';
import { joinSentences } from '../../i18n/join';
import { useT, type T, type Text } from '../../i18n/useT';
import { useMapController } from '../../map/MapContext';
import { PlaceMenu } from '../../map/overlays/PlaceMenu';
import { followLink } from '../../ui/route';
import { stationText, type StationKey } from '../../ui/stationText';
import { MyGridCard } from './MyGridCard';
import { NearestList } from './NearestList';
import type { Origin } from './origin';
import { SearchBox } from './SearchBox';
import { formatDistance, formatDistanceWalk, publicText, type PublicKey } from './strings';
import type { GridLookup, NearestState } from './useFinderData';
import { useGeolocation, type GeoFailure } from './useGeolocation';

const MAX_K = 20;
/** Beyond this the place is clearly not in the district (it is about 10 km across). */
const FAR_AWAY_METERS = 15_000;

const GEO_MESSAGE: Record<GeoFailure, PublicKey> = {
  denied: 'geoDenied',
  unavailable: 'geoUnavailable',
  timeout: 'geoTimeout',
  unsupported: 'geoUnsupported',
  insecure: 'geoInsecure',
};

function originText(origin: Origin, t: T<PublicKey>): string {
  if (origin.source === 'gps') {
    const accuracy = origin.accuracy !== undefined && origin.accuracy > 0 ? t('originAccuracy', { meters: Math.round(origin.accuracy) }) : '';
    return t('originGps') + accuracy;
  }
  if (origin.source === 'search') return t('originSearch', { name: origin.label ?? '' });
  return t('originMap');
}

const smoothScroll = (): ScrollBehavior =>
  window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';

function LocationIcon() {
  return (
    <svg className="finder-locate-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="4" fill="currentColor" />
      <circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 1v4M12 19v4M1 12h4M19 12h4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

interface Props {
  origin: Origin | null;
  onOrigin: (origin: Origin | null) => void;
  nearest: { state: NearestState; retry: () => void };
  grid: { state: GridLookup; retry: () => void };
  k: number;
  onMore: (k: number) => void;
}

/** 找服务站: use my location, tap the map or search; then the nearest stations and my grid. */
export function FinderView({ origin, onOrigin, nearest, grid, k, onMore }: Props) {
  const text = useT(publicText);
  const { t } = text;
  const station = useT(stationText);
  const controller = useMapController();
  const nearestHeadingId = useId();

  useMapTapSetsOrigin(onOrigin, t('findHere'));

  const chooseSearchResult = useCallback(
    (result: SearchResult) => {
      onOrigin({
        lng: result.location.lng,
        lat: result.location.lat,
        source: 'search',
        label: result.name,
        ...(result.type === 'facility' ? { facilityId: result.id } : {}),
      });
    },
    [onOrigin],
  );

  const showOnMap = useCallback(
    (result: NearestResult) => {
      if (!controller) return;
      controller.selectFacility(result.facility.id);
      // On a phone the map sits above the panel, out of sight once the list is scrolled.
      const container = controller.map.getContainer();
      if (container.getBoundingClientRect().bottom < 0) container.scrollIntoView({ block: 'start' });
    },
    [controller],
  );

  const summaryRef = useRef<HTMLDivElement>(null);
  const gridCardRef = useRef<HTMLDivElement>(null);
  const locatedGridId = grid.state.status === 'ready' ? grid.state.data.grid.id : null;
  const showMyGrid = useCallback(() => {
    // The map moves to the grid (outlined) while the page scrolls to its card.
    if (controller && locatedGridId !== null) controller.showGrid(locatedGridId).catch(() => undefined);
    const heading = gridCardRef.current?.querySelector<HTMLElement>('h2');
    heading?.scrollIntoView({ block: 'start', behavior: smoothScroll() });
    heading?.focus({ preventScroll: true });
  }, [controller, locatedGridId]);

  const current = nearest.state.status === 'ready' && nearest.state.origin === origin ? nearest.state.data : null;
  const loading = origin !== null && current === null && nearest.state.status !== 'error';

  // After "使用我的位置" or a search, bring the answer on screen: on a phone it starts below the
  // fold. A tap on the map leaves the page where it is, so the map stays in view.
  const scrolledFor = useRef<Origin | null>(null);
  useEffect(() => {
    if (!origin || !current || scrolledFor.current === origin) return;
    scrolledFor.current = origin;
    if (origin.source === 'map') return;
    const row = summaryRef.current;
    if (row && row.getBoundingClientRect().top > window.innerHeight - 160) {
      row.scrollIntoView({ block: 'start', behavior: smoothScroll() });
    }
  }, [origin, current]);

  const summary = summaryText(origin, current, loading, grid.state, text, station.t);
  return (
    <div className="workspace-panel-content finder">
      <h1>{t('title')}</h1>
      <p className="finder-intro">{t('intro')}</p>
      <p className="finder-report-link">
        <a className="finder-secondary" href="/report" onClick={followLink('/report')}>
          {t('reportProblem')}
        </a>
      </p>

      <LocateButton onOrigin={onOrigin} />

      <SearchBox onChoose={chooseSearchResult} />

      <div className="finder-summary-row" ref={summaryRef}>
        <p className="finder-summary" role="status" aria-live="polite">
          {summary}
        </p>
        {origin && grid.state.status !== 'idle' && (
          <button type="button" className="link-button" onClick={showMyGrid}>
            {t('showMyGrid')}
          </button>
        )}
      </div>

      {origin === null ? (
        <FinderEmpty />
      ) : (
        <section className="finder-results" aria-label={t('resultsLabel')}>
          <p className="finder-origin">
            <span>
              {t('originLabel')}
              <strong>{originText(origin, t)}</strong>
            </span>
            <button type="button" className="link-button" onClick={() => onOrigin(null)}>
              {t('clearOrigin')}
            </button>
          </p>
          <section aria-labelledby={nearestHeadingId} aria-busy={loading}>
            <h2 id={nearestHeadingId}>{t('nearestTitle')}</h2>
            {nearest.state.status === 'error' && (
              <div className="finder-error" role="alert">
                <p>{t('nearestError', { message: `${nearest.state.error.message} (${nearest.state.error.code})` })}</p>
                <button type="button" className="finder-secondary" onClick={nearest.retry}>
                  {t('retry')}
                </button>
              </div>
            )}
            {loading && <p className="finder-note">{t('nearestLoading')}</p>}
            {current && (current.results[0]?.distanceMeters ?? 0) > FAR_AWAY_METERS && <p className="finder-warning">{t('farAway')}</p>}
            {current && (
              <NearestList
                data={current}
                onShow={showOnMap}
                onMore={current.results.length >= k && k < MAX_K ? () => onMore(Math.min(MAX_K, k * 2)) : null}
              />
            )}
          </section>
          <div ref={gridCardRef}>
            <MyGridCard lookup={grid.state} onRetry={grid.retry} />
          </div>
        </section>
      )}
    </div>
  );
}

/**
 * Tapping the map sets the location; a tap on a station's dot (as drawn) selects the station
 * instead. A listener of its own, beside the controller's: the tap still selects what it hits,
 * so a tapped grid shows its details too. A right-click or a long press offers "在这里查找",
 * which sets the location there even over a station.
 */
function useMapTapSetsOrigin(onOrigin: (origin: Origin) => void, findHereLabel: string) {
  const controller = useMapController();
  const [menu, setMenu] = useState<PlaceMenu | null>(null);
  useEffect(() => {
    if (!controller) return;
    const map = controller.map;
    // Its label and action come with the effect below, which follows the language and the callback.
    const created = new PlaceMenu(map, { label: '', onChoose: () => undefined });
    setMenu(created);
    const onClick = (event: MapMouseEvent) => {
      if (created.justPressed() || controller.isFacilityAt(event.point)) return;
      onOrigin({ lng: event.lngLat.lng, lat: event.lngLat.lat, source: 'map' });
    };
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
      created.destroy();
      setMenu(null);
    };
  }, [controller, onOrigin]);
  useEffect(() => {
    menu?.update({ label: findHereLabel, onChoose: ({ lng, lat }) => onOrigin({ lng, lat, source: 'map' }) });
  }, [menu, findHereLabel, onOrigin]);
}

/** The answer read out to screen readers, a sentence each: nearest station, an open one, my grid. */
function summaryText(
  origin: Origin | null,
  current: NearestResponse | null,
  loading: boolean,
  grid: GridLookup,
  { t, lang }: Text<PublicKey>,
  stationT: T<StationKey>,
): string {
  if (!origin || !current) return loading ? t('nearestLoading') : '';
  const sentences: string[] = [];
  const first = current.results[0];
  if (first) {
    sentences.push(t('summary', {
      name: first.facility.name,
      distance: formatDistanceWalk(first.distanceMeters, first.walkMinutes, t),
      open: stationT(`open.${first.openState ?? 'unknown'}`),
    }));
    // "Find the nearest open station": name it too when the nearest one is not open.
    const isOpen = (r: NearestResult) => r.openState === 'open' || r.openState === 'closingSoon';
    const open = current.results.find(isOpen);
    if (!isOpen(first) && open) {
      sentences.push(t('summaryOpen', { name: open.facility.name, distance: formatDistance(open.distanceMeters, t) }));
    }
  } else sentences.push(t('nearestNone'));
  if (grid.status === 'ready') {
    const { grid: located } = grid.data;
    sentences.push(located.leaderName
      ? t('summaryGridLeader', { grid: located.name, leader: located.leaderName })
      : t('summaryGrid', { grid: located.name }));
  }
  return joinSentences(lang, sentences);
}

/** 使用我的位置 with why it failed, or else `hint` (the finder's own hint by default). */
export function LocateButton({ onOrigin, hint }: { onOrigin: (origin: Origin) => void; hint?: string }) {
  const { t } = useT(publicText);
  const geo = useGeolocation(onOrigin);
  const geoMessageId = useId();
  const locating = geo.state.status === 'locating';
  return (
    <>
      <button type="button" className="finder-locate" onClick={geo.request} disabled={locating} aria-describedby={geoMessageId}>
        <LocationIcon />
        {locating ? t('locating') : t('useMyLocation')}
      </button>
      <div id={geoMessageId}>
        {geo.state.status === 'failed' ? (
          <p className="finder-geo-message" role="alert" data-reason={geo.state.reason}>
            {t(GEO_MESSAGE[geo.state.reason])}
          </p>
        ) : (
          <p className="finder-note">{hint ?? t('tapMapHint')}</p>
        )}
      </div>
    </>
  );
}

function FinderEmpty() {
  const { t } = useT(publicText);
  return (
    <div className="empty-state finder-empty">
      <h2>{t('emptyTitle')}</h2>
      <ol className="how-to">
        <li>{t('step1')}</li>
        <li>{t('step2')}</li>
        <li>{t('step3')}</li>
        <li>{t('step4')}</li>
      </ol>
    </div>
  );
}
