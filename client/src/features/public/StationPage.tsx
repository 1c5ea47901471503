import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { getFacility } from '../../api/getFacility';
import { queryRoot } from '../../api/queryClient';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';
import { useMapController } from '../../map/MapContext';
import { formatOpeningHours } from '../../ui/openingHours';
import { followLink } from '../../ui/route';
import { NavigationLinks, StationOpenBadge } from '../../ui/StationCard';
import { stationUrl } from '../../ui/stationLinks';
import { toApiError } from '../../ui/useDistrictData';
import { QrCode } from './QrCode';
import { publicText } from './strings';
import { usePublicUrl } from './useFinderData';

function BackLink() {
  const { t } = useT(publicText);
  return (
    <a className="station-back" href="/" onClick={followLink('/')}>
      <span aria-hidden="true">← </span>
      {t('back')}
    </a>
  );
}

/**
 * `/station/:id`: one station to share and to print. The QR code holds this page's address
 * (under the server's PUBLIC_URL when set), so a poster on the station's door leads a phone
 * here, and from here into a navigation app.
 */
export function StationPage({ id }: { id: string }) {
  const { t, lang } = useT(publicText);
  const common = useT(commonText);
  const controller = useMapController();
  const station = useQuery({
    queryKey: [queryRoot.facilities, 'one', id],
    queryFn: ({ signal }) => getFacility(id, signal),
  });
  const publicUrl = usePublicUrl();
  const [copyNote, setCopyNote] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => setCopyNote(''), [id]);

  const ready = station.isSuccess;
  // Select the station on the shared map and fly to it, once both are there (the controller
  // fetches the record itself when it does not have it: a deep link to /station/:id).
  useEffect(() => {
    if (!controller || !ready) return;
    let live = true;
    void controller.whenReady().then(() => {
      if (live) controller.selectFacility(id);
    });
    return () => {
      live = false;
    };
  }, [controller, ready, id]);

  // A shared link lands here: name the page after the station, and put focus on its name.
  const name = station.data?.properties.name ?? null;
  const appTitle = common.t('app.title');
  useEffect(() => {
    if (!name) return;
    const previous = document.title;
    document.title = `${name} · ${appTitle}`;
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
  }, [name, appTitle]);

  // Wait for the server's public address too: a QR code drawn with this page's own address
  // first and then redrawn could be printed in between.
  if (station.isPending || publicUrl === undefined) {
    return (
      <div className="workspace-panel-content station-page">
        <BackLink />
        <p className="finder-note" role="status">
          {t('stationLoading')}
        </p>
      </div>
    );
  }
  if (station.isError) {
    const error = toApiError(station.error);
    const notFound = error.status === 404 || error.status === 400;
    return (
      <div className="workspace-panel-content station-page">
        <BackLink />
        <h1>{t('title')}</h1>
        <p className="finder-error" role="alert">
          {notFound ? t('stationNotFound', { id }) : t('stationError', { message: `${error.message} (${error.code})` })}
        </p>
      </div>
    );
  }

  const feature = station.data;
  const p = feature.properties;
  const [lng = 0, lat = 0] = feature.geometry.coordinates;
  const url = stationUrl(p.id, publicUrl, window.location.origin);

  const copy = () => {
    const done = () => setCopyNote(t('copied'));
    const failed = () => setCopyNote(t('copyFailed', { url }));
    if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, failed);
    else failed();
  };

  return (
    <div className="workspace-panel-content station-page">
      <BackLink />
      <article className="station-poster" data-facility-id={String(p.id)}>
        <p className="station-kind">
          {common.t(`kind.${p.kind}`)} <StationOpenBadge id={p.id} />
        </p>
        <h1 ref={headingRef} tabIndex={-1} className="station-name">
          {p.name}
        </h1>
        <dl className="station-facts">
          <dt>{t('address')}</dt>
          <dd>{p.address ?? t('none')}</dd>
          <dt>{t('phone')}</dt>
          <dd>
            {p.phone ? (
              <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`} aria-label={t('callLabel', { name: p.name, phone: p.phone })}>
                {p.phone}
              </a>
            ) : (
              t('none')
            )}
          </dd>
          <dt>{t('hours')}</dt>
          <dd>{p.openingHours ? formatOpeningHours(p.openingHours, lang) : t('hoursUnknown')}</dd>
          {p.services.length > 0 && (
            <>
              <dt>{t('services')}</dt>
              <dd>{p.services.join(lang === 'en' ? ', ' : '、')}</dd>
            </>
          )}
        </dl>
        <NavigationLinks name={p.name} address={p.address} lng={lng} lat={lat} />
        <figure className="station-qr">
          <QrCode text={url} label={t('qrLabel', { url })} className="station-qr-code" />
          <figcaption>
            <strong className="station-qr-title">{t('qrTitle')}</strong>
            <span className="station-qr-help">{t('qrHelp')}</span>
            <span className="station-qr-url">{url}</span>
          </figcaption>
        </figure>
        <p className="station-footer">{t('posterFooter')}</p>
      </article>
      <div className="station-actions">
        <button type="button" className="finder-primary" onClick={() => window.print()}>
          {t('print')}
        </button>
        <button type="button" className="finder-secondary" onClick={copy}>
          {t('copyLink')}
        </button>
      </div>
      <p className="finder-note" role="status">
        {copyNote}
      </p>
    </div>
  );
}
