import { useCallback, useEffect, useRef, useState } from 'react';
import { useMapController } from '../../map/MapContext';
import { OriginMarker } from '../../map/overlays/OriginMarker';
import { useMapOverlay } from '../../map/useMapOverlay';
import { formatPoint, linkParam, parsePoint, setLinkParams } from '../../ui/deepLink';
import { usePathname } from '../../ui/route';
import { FinderView } from './FinderView';
import { stationIdFromPath, type Origin } from './origin';
import { StationPage } from './StationPage';
import { useLocate, useNearest } from './useFinderData';
import './public.css';

const DEFAULT_K = 5;
/** Results fitted into view together with the origin: enough to compare, few enough to stay close. */
const FIT_RESULTS = 3;

/** The finder's place as a link keeps it (a place on the map). */
function linkedOrigin(): Origin | null {
  const point = parsePoint(linkParam('from'));
  return point ? { lng: point[0], lat: point[1], source: 'map' } : null;
}

/**
 * 找服务站, the landing page for residents: the finder at `/`, and one page per station at
 * `/station/:id`. The place being searched from lives here, so it survives a visit to a
 * station's page and back.
 */
export function PublicPage() {
  const pathname = usePathname();
  const controller = useMapController();
  const [origin, setOrigin] = useState<Origin | null>(linkedOrigin);
  const [k, setK] = useState(DEFAULT_K);
  const nearest = useNearest(origin, k);
  const grid = useLocate(origin);

  const chooseOrigin = useCallback((next: Origin | null) => {
    setOrigin(next);
    setK(DEFAULT_K);
  }, []);
  // A place set on the map or found by search goes into the link; a GPS position does not (a
  // resident sharing the page would not expect it to carry where they stand).
  useEffect(() => {
    setLinkParams({ from: origin && origin.source !== 'gps' ? formatPoint([origin.lng, origin.lat]) : null });
  }, [origin]);

  // The "my location" marker follows the origin; its layers leave the map with the finder.
  const marker = useMapOverlay((map) => new OriginMarker(map));
  useEffect(() => {
    marker?.show(origin ? [origin.lng, origin.lat] : null);
  }, [marker, origin]);

  // A station chosen in the search box is selected on the map (which flies to it).
  useEffect(() => {
    if (controller && origin?.facilityId !== undefined) controller.selectFacility(origin.facilityId);
  }, [controller, origin]);

  // Once per new origin: bring it and the nearest results into view. A tap on the map leaves
  // the view alone when the nearest station is already in it.
  // A place from a link opens at the link's own view.
  const fittedFor = useRef<Origin | null>(linkParam('at') !== null ? origin : null);
  useEffect(() => {
    if (!controller || !origin || nearest.state.status !== 'ready' || nearest.state.origin !== origin) return;
    if (fittedFor.current === origin) return;
    fittedFor.current = origin;
    if (origin.facilityId !== undefined) return;
    const results = nearest.state.data.results.slice(0, FIT_RESULTS);
    const first = results[0]?.facility.locationWgs84;
    if (origin.source === 'map' && first && controller.map.getBounds().contains([first.lng, first.lat])) return;
    controller.fitPoints([
      [origin.lng, origin.lat],
      ...results.map((r): [number, number] => [r.facility.locationWgs84.lng, r.facility.locationWgs84.lat]),
    ]);
  }, [controller, origin, nearest.state]);

  const stationId = stationIdFromPath(pathname);
  if (stationId !== null) return <StationPage id={stationId} />;
  return <FinderView origin={origin} onOrigin={chooseOrigin} nearest={nearest} grid={grid} k={k} onMore={setK} />;
}
