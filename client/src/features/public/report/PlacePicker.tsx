import { useCallback, useId } from 'react';
import type { SearchResult } from '../../../api/searchPlaces';
import { useT, type T } from '../../../i18n/useT';
import { LocationIcon } from '../FinderView';
import type { Origin } from '../origin';
import { SearchBox } from '../SearchBox';
import { publicText, type PublicKey } from '../strings';
import type { GridLookup } from '../useFinderData';
import { useGeolocation, type GeoFailure } from '../useGeolocation';
import { reportText, type ReportKey } from './strings';

const GEO_MESSAGE: Record<GeoFailure, PublicKey> = {
  denied: 'geoDenied',
  unavailable: 'geoUnavailable',
  timeout: 'geoTimeout',
  unsupported: 'geoUnsupported',
  insecure: 'geoInsecure',
};

export function placeText(place: Origin, t: T<ReportKey>): string {
  if (place.source === 'gps') {
    return place.accuracy !== undefined && place.accuracy > 0
      ? t('placeGpsAccuracy', { meters: Math.round(place.accuracy) })
      : t('placeGps');
  }
  if (place.source === 'search') return t('placeSearch', { name: place.label ?? '' });
  return t('placeMap');
}

interface Props {
  place: Origin | null;
  onPlace: (place: Origin) => void;
  grid: { state: GridLookup; retry: () => void };
}

/**
 * 问题地点: my location, a tap on the map (the marker can then be dragged) or a search; then
 * the grid and community the place falls in, so the resident sees who will handle it.
 */
export function PlacePicker({ place, onPlace, grid }: Props) {
  const { t } = useT(reportText);
  const publicT = useT(publicText).t;
  const geo = useGeolocation(onPlace);
  const legendId = useId();
  const geoMessageId = useId();
  const locating = geo.state.status === 'locating';

  const chooseSearchResult = useCallback(
    (result: SearchResult) => onPlace({ lng: result.location.lng, lat: result.location.lat, source: 'search', label: result.name }),
    [onPlace],
  );

  return (
    <fieldset className="report-fieldset" aria-labelledby={legendId}>
      <legend id={legendId} className="report-legend">
        {t('placeLegend')}
      </legend>
      <button type="button" className="finder-locate" onClick={geo.request} disabled={locating} aria-describedby={geoMessageId}>
        <LocationIcon />
        {locating ? t('locating') : t('useMyLocation')}
      </button>
      <div id={geoMessageId}>
        {geo.state.status === 'failed' ? (
          <p className="finder-geo-message" role="alert" data-reason={geo.state.reason}>
            {publicT(GEO_MESSAGE[geo.state.reason])}
          </p>
        ) : (
          <p className="finder-note">{t('tapMapHint')}</p>
        )}
      </div>
      <SearchBox onChoose={chooseSearchResult} />
      <div className="report-place" role="status" aria-live="polite" data-testid="report-place">
        {place === null ? (
          <p className="finder-note">{t('placeNone')}</p>
        ) : (
          <>
            <p className="report-place-name">{t('placeChosen', { place: placeText(place, t) })}</p>
            <GridLine grid={grid} />
          </>
        )}
      </div>
    </fieldset>
  );
}

function GridLine({ grid }: { grid: Props['grid'] }) {
  const { t } = useT(reportText);
  const { state } = grid;
  if (state.status === 'loading' || state.status === 'idle') return <p className="finder-note">{t('gridLocating')}</p>;
  if (state.status === 'outside') {
    return (
      <p className="report-error" data-testid="report-outside">
        {t('outsideGrids')}
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="report-error">
        <p>{t('gridError', { message: state.error.message })}</p>
        <button type="button" className="finder-secondary" onClick={grid.retry}>
          {t('retry')}
        </button>
      </div>
    );
  }
  const { grid: located, community } = state.data;
  return (
    <p className="report-grid" data-testid="report-grid" data-grid-code={located.code}>
      {t('gridFound', { community: community.name, grid: located.name })}
      {located.leaderName && <span className="report-grid-leader">{t('gridLeader', { leader: located.leaderName })}</span>}
    </p>
  );
}
