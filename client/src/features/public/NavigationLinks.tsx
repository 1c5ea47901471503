import { navigationLinks } from './navLinks';
import { fill, usePublicStrings } from './strings';

interface Props {
  name: string;
  address: string | null;
  /** WGS84, as the API and the map give it. */
  lng: number;
  lat: number;
}

/** "导航": Amap, Baidu Maps and the phone's own map app, each with coordinates in its own system. */
export function NavigationLinks({ name, address, lng, lat }: Props) {
  const { s } = usePublicStrings();
  const links = navigationLinks({ name, address, lng, lat });
  return (
    <div className="finder-nav" role="group" aria-label={fill(s.navGroupLabel, { name })}>
      <span className="finder-nav-label" aria-hidden="true">
        {s.navigate}
      </span>
      <a href={links.amap} target="_blank" rel="noopener noreferrer" aria-label={fill(s.navAmapLabel, { name })} data-nav="amap">
        {s.navAmap}
      </a>
      <a href={links.baidu} target="_blank" rel="noopener noreferrer" aria-label={fill(s.navBaiduLabel, { name })} data-nav="baidu">
        {s.navBaidu}
      </a>
      <a href={links.geo} aria-label={fill(s.navGeoLabel, { name })} data-nav="geo">
        {s.navGeo}
      </a>
    </div>
  );
}
