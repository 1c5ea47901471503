import { defineNamespace } from '../../i18n/namespace';
import type { T } from '../../i18n/useT';

// The public finder's words (找服务站), zh-CN by default and English, following the glossary in
// README.md (词汇). Read with useT(publicText).t(key, vars); `{name}` marks a value filled in there.

const zh = {
  title: '找服务站',
  intro: '查找离您最近的党群服务中心、党群服务站和党员之家：是否开放、怎么走，以及您所在的网格和网格长。',

  useMyLocation: '使用我的位置',
  locating: '正在获取您的位置…',
  geoDenied: '您没有允许本页面使用位置信息。请点击地图选择位置，或在下方搜索框输入社区、网格或服务站的名称。',
  geoUnavailable: '暂时无法确定您的位置。请点击地图选择位置，或在下方搜索框输入社区、网格或服务站的名称。',
  geoTimeout: '获取位置超时。请再试一次，或点击地图选择位置、使用下方搜索框。',
  geoUnsupported: '此浏览器不能提供位置。请点击地图选择位置，或在下方搜索框输入社区、网格或服务站的名称。',
  geoInsecure: '浏览器只在安全连接（HTTPS）下提供位置。请点击地图选择位置，或使用下方搜索框。',
  tapMapHint: '也可以直接点击地图选择位置；在服务站上长按（电脑上点右键）选“在这里查找”。',
  findHere: '在这里查找',

  searchLabel: '搜索社区、网格或服务站',
  searchPlaceholder: '例如：崇安寺、清名桥',
  searchHint: '输入名称、路名、编码或拼音（如 slm），用上下方向键选择，回车确认。',
  searching: '正在搜索…',
  searchNone: '没有找到“{q}”，请换个名称或编码试试。',
  searchCount: '找到 {count} 个结果，用上下方向键选择，回车确认。',
  searchError: '搜索失败：{message}',
  searchClear: '清空搜索',
  'type.facility': '服务阵地',
  'type.street': '街道',
  'type.community': '社区',
  'type.grid': '网格',

  originLabel: '当前位置：',
  originGps: '我的位置',
  originAccuracy: '（精度约 {meters} 米）',
  originMap: '地图上选择的位置',
  originSearch: '搜索：{name}',
  clearOrigin: '清除位置',

  emptyTitle: '怎样查找',
  step1: '点击“使用我的位置”，并允许浏览器获取位置。',
  step2: '或者在地图上点击您所在的地方。',
  step3: '或者在搜索框输入社区、网格或服务站的名称，或服务站所在的路名。',
  step4: '这里会列出离您最近的服务站：距离、步行时间、是否开放、电话和导航，以及您所在的网格和网格长。',

  resultsLabel: '查找结果',
  nearestTitle: '离您最近的服务阵地',
  nearestLoading: '正在查找最近的服务站…',
  nearestError: '查找失败：{message}',
  nearestNone: '附近没有对公众开放的服务阵地。',
  farAway: '这个位置离梁溪区较远。本平台只收录梁溪区的服务阵地，下面是其中离这里最近的几处。',
  retry: '重试',
  summary: '最近的是{name}，{distance}，{open}。',
  summaryGrid: '您在{grid}。',
  summaryGridLeader: '您在{grid}，网格长{leader}。',
  summaryOpen: '开放中的最近一处：{name}，{distance}。',
  showMyGrid: '查看我的网格',
  distanceM: '{n} 米',
  nearby: '就在附近',
  distanceWalk: '{distance}，{walk}',
  distanceKm: '{n} 公里',
  walk: '步行约 {n} 分钟',
  walkNote: '步行时间是估算：直线距离 × {detour}（绕行）÷ 每分钟 {speed} 米，实际路线可能不同。',
  hours: '开放时间',
  hoursUnknown: '开放时间未知',
  address: '地址',
  phone: '电话',
  callLabel: '拨打{name}的电话 {phone}',
  showOnMap: '在地图上查看',
  showOnMapLabel: '在地图上查看{name}',
  showMore: '显示更多',

  myGridTitle: '我的网格',
  gridLoading: '正在查找您所在的网格…',
  gridOutside: '这个位置不在梁溪区各网格的服务范围内，无法确定所属网格。上面仍列出了最近的服务阵地。',
  gridError: '网格查询失败：{message}',
  gridName: '网格',
  gridCode: '网格编码',
  community: '社区',
  street: '街道',
  leader: '网格长',
  leaderPhone: '网格长电话',
  branch: '党组织',
  none: '暂无',

  back: '返回找服务站',
  stationLoading: '正在加载服务站…',
  stationNotFound: '没有找到编号为 {id} 的服务站，它可能已撤销或不对公众开放。',
  stationError: '服务站加载失败：{message}',
  services: '服务项目',
  qrTitle: '扫码导航',
  qrHelp: '用手机扫描二维码打开本页，再选择高德、百度、腾讯或手机地图导航到这里。',
  qrLabel: '本页的二维码，内容为 {url}',
  print: '打印海报',
  copyLink: '复制链接',
  copied: '链接已复制。',
  copyFailed: '无法自动复制，请手动复制：{url}',
  posterFooter: '网格党建地图 · 梁溪区',
  reportProblem: '反映问题：告诉网格员身边的问题',
};

const en: Record<keyof typeof zh, string> = {
  title: 'Find a station',
  intro: 'Find the nearest Party–public service centre, station or Party members’ home: whether it is open, how to get there, and which grid you live in and who leads it.',

  useMyLocation: 'Use my location',
  locating: 'Finding your location…',
  geoDenied: 'This page is not allowed to use your location. Tap the map to choose a place, or search for a community, grid or station below.',
  geoUnavailable: 'Your location cannot be found right now. Tap the map to choose a place, or search for a community, grid or station below.',
  geoTimeout: 'Finding your location took too long. Try again, tap the map to choose a place, or use the search box below.',
  geoUnsupported: 'This browser cannot share a location. Tap the map to choose a place, or search for a community, grid or station below.',
  geoInsecure: 'Browsers share a location only over a secure (HTTPS) connection. Tap the map to choose a place, or use the search box below.',
  tapMapHint: 'You can also tap the map to choose a place; on a station, press and hold (right-click on a computer) and choose “Search here”.',
  findHere: 'Search here',

  searchLabel: 'Search communities, grids or stations',
  searchPlaceholder: 'e.g. 崇安寺, 清名桥',
  searchHint: 'Type a name, a road, a code or pinyin (e.g. slm); choose with the arrow keys and Enter.',
  searching: 'Searching…',
  searchNone: 'Nothing matches “{q}”. Try another name or code.',
  searchCount: '{count} results; choose with the arrow keys and Enter.',
  searchError: 'Search failed: {message}',
  searchClear: 'Clear search',
  'type.facility': 'Service site',
  'type.street': 'Street',
  'type.community': 'Community',
  'type.grid': 'Grid',

  originLabel: 'Location: ',
  originGps: 'My location',
  originAccuracy: ' (accurate to about {meters} m)',
  originMap: 'Place chosen on the map',
  originSearch: 'Search: {name}',
  clearOrigin: 'Clear location',

  emptyTitle: 'How to search',
  step1: 'Press “Use my location” and let the browser share your location.',
  step2: 'Or tap the place where you are on the map.',
  step3: 'Or type the name of a community, grid or station, or the road a station is on, in the search box.',
  step4: 'The nearest stations appear here with distance, walking time, opening status, phone and navigation, together with your grid and its leader.',

  resultsLabel: 'Results',
  nearestTitle: 'Nearest service sites',
  nearestLoading: 'Finding the nearest stations…',
  nearestError: 'Search failed: {message}',
  nearestNone: 'No public service site nearby.',
  farAway: 'This place is far from Liangxi District. Only its service sites are listed here; these are the closest of them.',
  retry: 'Retry',
  summary: 'Nearest: {name}, {distance}, {open}.',
  summaryGrid: 'You are in {grid}.',
  summaryGridLeader: 'You are in {grid}; its grid leader is {leader}.',
  summaryOpen: 'Nearest open now: {name}, {distance}.',
  showMyGrid: 'See my grid',
  distanceM: '{n} m',
  nearby: 'right here',
  distanceWalk: '{distance}, {walk}',
  distanceKm: '{n} km',
  walk: 'about {n} min walk',
  walkNote: 'Walking times are estimates: straight-line distance × {detour} (detours) ÷ {speed} m per minute; real routes differ.',
  hours: 'Opening hours',
  hoursUnknown: 'Opening hours unknown',
  address: 'Address',
  phone: 'Phone',
  callLabel: 'Call {name} on {phone}',
  showOnMap: 'Show on map',
  showOnMapLabel: 'Show {name} on the map',
  showMore: 'Show more',

  myGridTitle: 'My grid',
  gridLoading: 'Finding your grid…',
  gridOutside: 'This place is outside the grids of Liangxi District, so no grid serves it. The nearest service sites are still listed above.',
  gridError: 'Grid lookup failed: {message}',
  gridName: 'Grid',
  gridCode: 'Grid code',
  community: 'Community',
  street: 'Street',
  leader: 'Grid leader',
  leaderPhone: 'Grid leader’s phone',
  branch: 'Party organisation',
  none: 'None recorded',

  back: 'Back to Find a station',
  stationLoading: 'Loading the station…',
  stationNotFound: 'No station with number {id}: it may have closed or is not open to the public.',
  stationError: 'The station could not be loaded: {message}',
  services: 'Services',
  qrTitle: 'Scan to navigate',
  qrHelp: 'Scan the QR code with a phone to open this page, then choose Amap, Baidu, Tencent or the phone’s maps to get here.',
  qrLabel: 'QR code of this page: {url}',
  print: 'Print poster',
  copyLink: 'Copy link',
  copied: 'Link copied.',
  copyFailed: 'Could not copy; copy it by hand: {url}',
  posterFooter: 'Grid Party-building map · Liangxi District',
  reportProblem: 'Report a problem to your grid',
};

export const publicText = defineNamespace('public', zh, en);
export type PublicKey = keyof typeof zh;

/** Below this a distance is "就在附近": metres then say more about the GPS than about the way. */
export const NEARBY_METERS = 15;

/** Metres as people say them: "就在附近" within a few metres, "850 米" below a kilometre, "1.2 公里" above. */
export function formatDistance(meters: number, t: T<PublicKey>): string {
  if (meters < NEARBY_METERS) return t('nearby');
  if (meters < 1000) return t('distanceM', { n: Math.round(meters) });
  return t('distanceKm', { n: (meters / 1000).toFixed(1) });
}

/** "850 米，步行约 11 分钟", or only "就在附近" (a walking time of a minute would say nothing). */
export function formatDistanceWalk(meters: number, walkMinutes: number, t: T<PublicKey>): string {
  if (meters < NEARBY_METERS) return t('nearby');
  return t('distanceWalk', { distance: formatDistance(meters, t), walk: t('walk', { n: walkMinutes }) });
}
