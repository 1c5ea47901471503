import { useEffect, useRef, type ReactNode } from 'react';
import { commonText } from '../i18n/common';
import { joinList } from '../i18n/join';
import { useT } from '../i18n/useT';
import { useMapController } from '../map/MapContext';
import type { Selection } from '../map/MapController';
import { FACILITY_COLORS } from '../map/style';
import { formatOpeningHours } from './openingHours';
import { NavigationLinks, StationDetailLink, StationOpenBadge } from './StationCard';

interface Props {
  selection: Selection;
  onClose: () => void;
  /** Move focus into the panel, for selections made with the keyboard from the list. */
  takeFocus: boolean;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Properties of the selected grid or facility, shown over the map. */
export function DetailsPanel({ selection, onClose, takeFocus }: Props) {
  const { t, lang } = useT(commonText);
  const controller = useMapController();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const none = t('details.none');

  useEffect(() => {
    if (takeFocus) headingRef.current?.focus();
  }, [selection, takeFocus]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const phone = (value: string | null) => (value ? <a href={`tel:${value}`}>{value}</a> : none);
  const count = (value: number | null) => (value === null ? none : value.toLocaleString());

  let body: ReactNode;
  let links: ReactNode = null;
  let kindLabel: string;
  if (selection.type === 'grid') {
    const p = selection.properties;
    // Grid records carry the community's code; its name comes from the region tiles in view.
    const communityName = p.communityCode ? controller?.regionName(p.communityCode) : null;
    kindLabel = t('details.grid');
    body = (
      <dl>
        <Row label={t('details.code')}>{p.code || none}</Row>
        {communityName ? (
          <Row label={t('details.communityName')}>{communityName}</Row>
        ) : (
          <Row label={t('details.community')}>{p.communityCode || none}</Row>
        )}
        <Row label={t('details.households')}>{count(p.households)}</Row>
        <Row label={t('details.population')}>{count(p.population)}</Row>
        <Row label={t('details.leader')}>{p.leaderName ?? none}</Row>
        <Row label={t('details.leaderPhone')}>{phone(p.leaderPhone)}</Row>
      </dl>
    );
  } else {
    const p = selection.properties;
    kindLabel = t('details.facility');
    body = (
      <dl>
        <Row label={t('details.kind')}>
          <span className="swatch-dot" aria-hidden="true" style={{ background: FACILITY_COLORS[p.kind] }} />
          {t(`kind.${p.kind}`)}
        </Row>
        <Row label={t('details.address')}>{p.address ?? none}</Row>
        <Row label={t('details.phone')}>{phone(p.phone)}</Row>
        <Row label={t('details.openingHours')}>{p.openingHours ? formatOpeningHours(p.openingHours, lang) : none}</Row>
        <Row label={t('details.services')}>{p.services.length > 0 ? joinList(lang, p.services) : none}</Row>
      </dl>
    );
    const [lng, lat] = selection.lngLat;
    links = (
      <>
        <NavigationLinks name={p.name} address={p.address} lng={lng} lat={lat} />
        <p className="station-card-links">
          <StationDetailLink id={p.id} name={p.name} />
        </p>
      </>
    );
  }

  return (
    <section className="details map-overlay" aria-labelledby="details-heading" data-selection={selection.type}>
      <div className="details-header">
        <div>
          <p className="details-kind">
            {kindLabel} {selection.type === 'facility' && <StationOpenBadge id={selection.properties.id} />}
          </p>
          <h2 id="details-heading" ref={headingRef} tabIndex={-1}>
            {selection.properties.name}
          </h2>
        </div>
        <button type="button" className="icon-button" aria-label={t('details.close')} title={t('details.close')} onClick={onClose}>
          ×
        </button>
      </div>
      {/* A resident's next step first: on a phone the panel is short and the facts scroll. */}
      {links}
      {body}
    </section>
  );
}
