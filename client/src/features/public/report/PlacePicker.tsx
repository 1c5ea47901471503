import { useCallback, useId } from 'react';
import type { SearchResult } from '../../../api/searchPlaces';
import { useT, type T } from '../../../i18n/useT';
import { LocateButton } from '../FinderView';
import type { Origin } from '../origin';
import { SearchBox } from '../SearchBox';
import type { GridLookup } from '../useFinderData';
import { reportText, type ReportKey } from './strings';

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
  const legendId = useId();

  const chooseSearchResult = useCallback(
    (result: SearchResult) => onPlace({ lng: result.location.lng, lat: result.location.lat, source: 'search', label: result.name }),
    [onPlace],
  );

  return (
    <fieldset className="report-fieldset" aria-labelledby={legendId}>
      <legend id={legendId} className="report-legend">
        {t('placeLegend')}
      </legend>
      <LocateButton onOrigin={onPlace} hint={t('tapMapHint')} />
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
