import { defineNamespace } from '../i18n/namespace';

// The words of a station's card wherever it shows (the map's details, the finder's list, the
// station's own page): open state, navigation links, the link to its page. Read with
// useT(stationText).t(key, vars).

const zh = {
  'open.open': '开放中',
  'open.closingSoon': '即将关闭',
  'open.closed': '已关闭',
  'open.unknown': '开放时间未知',
  'open.closingSoonAt': '即将关闭（{time}）',
  navigate: '导航',
  navGroupLabel: '导航到{name}',
  navAmap: '高德',
  navBaidu: '百度',
  navTencent: '腾讯',
  navGeo: '手机地图',
  navAmapLabel: '用高德地图导航到{name}（打开新窗口）',
  navBaiduLabel: '用百度地图导航到{name}（打开新窗口）',
  navTencentLabel: '用腾讯地图导航到{name}（打开新窗口）',
  navGeoLabel: '用手机自带的地图应用导航到{name}',
  detailsLink: '详情与二维码',
  detailsLinkLabel: '{name}的详情页与二维码',
};

const en: Record<keyof typeof zh, string> = {
  'open.open': 'Open now',
  'open.closingSoon': 'Closing soon',
  'open.closed': 'Closed now',
  'open.unknown': 'Hours unknown',
  'open.closingSoonAt': 'Closing soon (at {time})',
  navigate: 'Navigate',
  navGroupLabel: 'Navigate to {name}',
  navAmap: 'Amap',
  navBaidu: 'Baidu',
  navTencent: 'Tencent',
  navGeo: 'Phone maps',
  navAmapLabel: 'Navigate to {name} with Amap (opens a new window)',
  navBaiduLabel: 'Navigate to {name} with Baidu Maps (opens a new window)',
  navTencentLabel: 'Navigate to {name} with Tencent Maps (opens a new window)',
  navGeoLabel: 'Navigate to {name} with the phone’s map app',
  detailsLink: 'Details and QR code',
  detailsLinkLabel: 'Details page and QR code of {name}',
};

export const stationText = defineNamespace('station', zh, en);
export type StationKey = keyof typeof zh;
