import { useQuery } from '@tanstack/react-query';
import { getOpenState, type OpenState } from '../api/getOpenState';
import { queryRoot } from '../api/queryClient';
import { useT } from '../i18n/useT';
import { followLink } from './route';
import { navigationLinks, stationPath } from './stationLinks';
import { stationText } from './stationText';
import './stationCard.css';

// The parts every station card shares: whether it is open, how to get there, its own page.

interface Place {
  name: string;
  address: string | null;
  /** WGS84, as the API and the map give it. */
  lng: number;
  lat: number;
}

/** "导航": Amap, Baidu, Tencent and the phone's own map app, each with coordinates in its own system. */
export function NavigationLinks({ name, address, lng, lat }: Place) {
  const { t } = useT(stationText);
  const links = navigationLinks({ name, address, lng, lat });
  const external = { target: '_blank', rel: 'noopener noreferrer' } as const;
  return (
    <div className="finder-nav" role="group" aria-label={t('navGroupLabel', { name })}>
      <span className="finder-nav-label" aria-hidden="true">
        {t('navigate')}
      </span>
      <a href={links.amap} {...external} aria-label={t('navAmapLabel', { name })} data-nav="amap">
        {t('navAmap')}
      </a>
      <a href={links.baidu} {...external} aria-label={t('navBaiduLabel', { name })} data-nav="baidu">
        {t('navBaidu')}
      </a>
      <a href={links.tencent} {...external} aria-label={t('navTencentLabel', { name })} data-nav="tencent">
        {t('navTencent')}
      </a>
      <a href={links.geo} aria-label={t('navGeoLabel', { name })} data-nav="geo">
        {t('navGeo')}
      </a>
    </div>
  );
}

/** 详情与二维码: the station's own page. */
export function StationDetailLink({ id, name, className }: { id: string | number; name: string; className?: string }) {
  const { t } = useT(stationText);
  const path = stationPath(id);
  return (
    <a href={path} onClick={followLink(path)} className={className} aria-label={t('detailsLinkLabel', { name })} data-link="station-page">
      {t('detailsLink')}
    </a>
  );
}

const STATE_CLASS: Record<OpenState | 'unknown', string> = {
  open: 'is-open',
  closingSoon: 'is-closing',
  closed: 'is-closed',
  unknown: 'is-unknown',
};

/** 开放中 / 即将关闭（17:30）/ 已关闭, or that the hours are unknown. */
export function OpenBadge({ state, closesAt }: { state: OpenState | null; closesAt: string | null }) {
  const { t } = useT(stationText);
  const key = state ?? 'unknown';
  return (
    <span className={`open-badge ${STATE_CLASS[key]}`} data-open-state={key}>
      {state === 'closingSoon' && closesAt ? t('open.closingSoonAt', { time: closesAt }) : t(`open.${key}`)}
    </span>
  );
}

/**
 * The open state of one public station, asked of the server (which reads the opening hours in
 * Shanghai time). Nothing while it loads, and for a facility not open to the public.
 */
export function StationOpenBadge({ id }: { id: string | number }) {
  const { data } = useQuery({
    queryKey: [queryRoot.facilities, 'open-state', String(id)],
    queryFn: ({ signal }) => getOpenState([id], signal),
    // Open or closed changes by the minute.
    staleTime: 60_000,
    refetchInterval: 60_000,
  });
  const found = data?.facilities[0];
  if (!found) return null;
  return <OpenBadge state={found.openState} closesAt={found.closesAt} />;
}
