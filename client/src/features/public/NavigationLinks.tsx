import { navigationLinks } from './navLinks';
import { useT } from '../../i18n/useT';
import { publicText } from './strings';

interface Props {
  name: string;
  address: string | null;
  /** WGS84, as the API and the map give it. */
  lng: number;
  lat: number;
}

/** "导航": Amap, Baidu Maps and the phone's own map app, each with coordinates in its own system. */
export function NavigationLinks({ name, address, lng, lat }: Props) {
  const { t } = useT(publicText);
  const links = navigationLinks({ name, address, lng, lat });
  return (
    <div className="finder-nav" role="group" aria-label={t('navGroupLabel', { name })}>
      <span className="finder-nav-label" aria-hidden="true">
        {t('navigate')}
      </span>
      <a href={links.amap} target="_blank" rel="noopener noreferrer" aria-label={t('navAmapLabel', { name })} data-nav="amap">
        {t('navAmap')}
      </a>
      <a href={links.baidu} target="_blank" rel="noopener noreferrer" aria-label={t('navBaiduLabel', { name })} data-nav="baidu">
        {t('navBaidu')}
      </a>
      <a href={links.geo} aria-label={t('navGeoLabel', { name })} data-nav="geo">
        {t('navGeo')}
      </a>
    </div>
  );
}
