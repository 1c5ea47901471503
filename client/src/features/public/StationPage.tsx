import { useEffect, useRef, useState } from 'react';
import { getFacility } from '../../api/getFacility';
import { ApiError, isAbort } from '../../api/http';
import type { FacilityFeature } from '../../api/types';
import { useMapController } from '../../map/MapContext';
import { formatOpeningHours } from '../../ui/openingHours';
import { followLink } from '../../ui/route';
import { selectFacilityWhenLoaded } from './finderMap';
import { NavigationLinks } from './NavigationLinks';
import { QrCode } from './QrCode';
import { stationPath } from './origin';
import { fill, usePublicStrings } from './strings';
import type { Loaded } from './useFinderData';

function BackLink() {
  const { s } = usePublicStrings();
  return (
    <a className="station-back" href="/" onClick={followLink('/')}>
      <span aria-hidden="true">← </span>
      {s.back}
    </a>
  );
}

/**
 * `/station/:id`: one station to share and to print. The QR code holds this page's own address,
 * so a poster on the station's door leads a phone here, and from here into a navigation app.
 */
export function StationPage({ id }: { id: string }) {
  const { s, t, lang } = usePublicStrings();
  const controller = useMapController();
  const [state, setState] = useState<Loaded<FacilityFeature>>({ status: 'loading' });
  const [copyNote, setCopyNote] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    setCopyNote('');
    getFacility(id, abort.signal)
      .then((data) => setState({ status: 'ready', data }))
      .catch((err: unknown) => {
        if (abort.signal.aborted || isAbort(err)) return;
        setState({
          status: 'error',
          error: err instanceof ApiError ? err : new ApiError(0, 'CLIENT_ERROR', err instanceof Error ? err.message : String(err)),
        });
      });
    return () => abort.abort();
  }, [id]);

  const ready = state.status === 'ready';
  // Select the station on the shared map and fly to it, once both are there.
  useEffect(() => {
    if (!controller || !ready) return;
    return selectFacilityWhenLoaded(controller, id);
  }, [controller, ready, id]);

  // A shared link lands here: name the page after the station, and put focus on its name.
  const name = state.status === 'ready' ? state.data.properties.name : null;
  useEffect(() => {
    if (!name) return;
    const previous = document.title;
    document.title = `${name} · ${t('app.title')}`;
    // Arriving from further down the finder's list: start at the top (on a phone, the map with
    // the station), with focus on the name for screen readers.
    const heading = headingRef.current;
    window.scrollTo(0, 0);
    const panel = heading?.closest('.workspace-panel');
    if (panel) panel.scrollTop = 0;
    heading?.focus({ preventScroll: true });
    return () => {
      document.title = previous;
    };
  }, [name, t]);

  if (state.status === 'loading' || state.status === 'idle') {
    return (
      <div className="workspace-panel-content station-page">
        <BackLink />
        <p className="finder-note" role="status">
          {s.stationLoading}
        </p>
      </div>
    );
  }
  if (state.status === 'error') {
    const notFound = state.error.status === 404 || state.error.status === 400;
    return (
      <div className="workspace-panel-content station-page">
        <BackLink />
        <h1>{s.title}</h1>
        <p className="finder-error" role="alert">
          {notFound ? fill(s.stationNotFound, { id }) : fill(s.stationError, { message: `${state.error.message} (${state.error.code})` })}
        </p>
      </div>
    );
  }

  const feature = state.data;
  const p = feature.properties;
  const [lng = 0, lat = 0] = feature.geometry.coordinates;
  const url = `${window.location.origin}${stationPath(p.id)}`;

  const copy = () => {
    const done = () => setCopyNote(s.copied);
    const failed = () => setCopyNote(fill(s.copyFailed, { url }));
    if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, failed);
    else failed();
  };

  return (
    <div className="workspace-panel-content station-page">
      <BackLink />
      <article className="station-poster" data-facility-id={String(p.id)}>
        <p className="station-kind">{t(`kind.${p.kind}`)}</p>
        <h1 ref={headingRef} tabIndex={-1} className="station-name">
          {p.name}
        </h1>
        <dl className="station-facts">
          <dt>{s.address}</dt>
          <dd>{p.address ?? s.none}</dd>
          <dt>{s.phone}</dt>
          <dd>
            {p.phone ? (
              <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`} aria-label={fill(s.callLabel, { name: p.name, phone: p.phone })}>
                {p.phone}
              </a>
            ) : (
              s.none
            )}
          </dd>
          <dt>{s.hours}</dt>
          <dd>{p.openingHours ? formatOpeningHours(p.openingHours, lang) : s.hoursUnknown}</dd>
          {p.services.length > 0 && (
            <>
              <dt>{s.services}</dt>
              <dd>{p.services.join(lang === 'en' ? ', ' : '、')}</dd>
            </>
          )}
        </dl>
        <NavigationLinks name={p.name} address={p.address} lng={lng} lat={lat} />
        <figure className="station-qr">
          <QrCode text={url} label={fill(s.qrLabel, { url })} className="station-qr-code" />
          <figcaption>
            <strong className="station-qr-title">{s.qrTitle}</strong>
            <span className="station-qr-help">{s.qrHelp}</span>
            <span className="station-qr-url">{url}</span>
          </figcaption>
        </figure>
        <p className="station-footer">{s.posterFooter}</p>
      </article>
      <div className="station-actions">
        <button type="button" className="finder-primary" onClick={() => window.print()}>
          {s.print}
        </button>
        <button type="button" className="finder-secondary" onClick={copy}>
          {s.copyLink}
        </button>
      </div>
      <p className="finder-note" role="status">
        {copyNote}
      </p>
    </div>
  );
}
