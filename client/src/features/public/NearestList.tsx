import type { NearestResponse, NearestResult } from '../../api/getNearest';
import { FACILITY_COLORS } from '../../map/style';
import { formatOpeningHours } from '../../ui/openingHours';
import { NavigationLinks, OpenBadge, StationDetailLink } from '../../ui/StationCard';
import { commonText } from '../../i18n/common';
import { useT } from '../../i18n/useT';
import { NEARBY_METERS, formatDistance, publicText } from './strings';

function NearestItem({ result, rank, onShow }: { result: NearestResult; rank: number; onShow: (result: NearestResult) => void }) {
  const { t, lang } = useT(publicText);
  const common = useT(commonText);
  const f = result.facility;
  const name = f.name;
  return (
    <li className="nearest-item" data-facility-id={String(f.id)} data-distance-meters={result.distanceMeters} data-kind={f.kind}>
      <div className="nearest-head">
        <span className="nearest-rank" aria-hidden="true" style={{ background: FACILITY_COLORS[f.kind] }}>
          {rank}
        </span>
        <h3 className="nearest-name">{name}</h3>
        <OpenBadge state={result.openState} closesAt={result.closesAt} />
      </div>
      <p className="nearest-meta">
        <span className="nearest-kind">{common.t(`kind.${f.kind}`)}</span>
        <span className="nearest-distance">{formatDistance(result.distanceMeters, t)}</span>
        {result.distanceMeters >= NEARBY_METERS && <span className="nearest-walk">{t('walk', { n: result.walkMinutes })}</span>}
      </p>
      <dl className="nearest-facts">
        <dt>{t('hours')}</dt>
        <dd>{f.openingHours ? formatOpeningHours(f.openingHours, lang) : t('hoursUnknown')}</dd>
        {f.address && (
          <>
            <dt>{t('address')}</dt>
            <dd>{f.address}</dd>
          </>
        )}
        {f.phone && (
          <>
            <dt>{t('phone')}</dt>
            <dd>
              <a href={`tel:${f.phone.replace(/[^\d+]/g, '')}`} aria-label={t('callLabel', { name, phone: f.phone })}>
                {f.phone}
              </a>
            </dd>
          </>
        )}
      </dl>
      <NavigationLinks name={name} address={f.address} lng={f.locationWgs84.lng} lat={f.locationWgs84.lat} />
      <div className="nearest-actions">
        <button type="button" className="finder-secondary" aria-label={t('showOnMapLabel', { name })} onClick={() => onShow(result)}>
          {t('showOnMap')}
        </button>
        <StationDetailLink id={f.id} name={name} className="finder-secondary" />
      </div>
    </li>
  );
}

interface Props {
  data: NearestResponse;
  onShow: (result: NearestResult) => void;
  onMore: (() => void) | null;
}

/** The nearest public facilities, nearest first, each with how to reach it. */
export function NearestList({ data, onShow, onMore }: Props) {
  const { t } = useT(publicText);
  if (data.results.length === 0) return <p className="finder-note">{t('nearestNone')}</p>;
  return (
    <>
      <ol className="nearest-list">
        {data.results.map((result, i) => (
          <NearestItem key={String(result.facility.id)} result={result} rank={i + 1} onShow={onShow} />
        ))}
      </ol>
      <p className="finder-note">
        {t('walkNote', { detour: data.walking.detourFactor, speed: data.walking.speedMetersPerMinute })}
      </p>
      {onMore && (
        <button type="button" className="finder-secondary finder-more" onClick={onMore}>
          {t('showMore')}
        </button>
      )}
    </>
  );
}
