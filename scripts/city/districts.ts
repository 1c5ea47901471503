// The five urban districts of 无锡市 and what the city generator knows about each beyond the
// public sources: main roads for generated addresses and rough town centres (GCJ-02, read off
// the source outlines' base map) that shape where people live.
import type { Position } from '../demo/geometry.ts';
import { communityDisplayName } from '../demo/sources.ts';

export const CITY_CODE = '3202';
export const CITY_NAME = '无锡市';

export interface CityDistrict {
  code: string;
  name: string;
  roads: readonly string[];
  /** Town and new-town centres: [lng, lat] GCJ-02, relative weight, spread in km. */
  centres: readonly { at: Position; weight: number; sigmaKm: number }[];
}

/** In code order, which is also the load order. */
export const CITY_DISTRICTS: readonly CityDistrict[] = [
  {
    code: '320205',
    name: '锡山区',
    roads: ['团结中路', '东亭路', '锡沪中路', '友谊北路', '云林路', '春晖东路', '安镇大成路', '羊尖大街', '锡港路', '东港大道'],
    centres: [
      { at: [120.362, 31.592], weight: 0.6, sigmaKm: 1.8 },
      { at: [120.447, 31.597], weight: 0.3, sigmaKm: 1.3 },
      { at: [120.392, 31.64], weight: 0.25, sigmaKm: 1.2 },
      { at: [120.496, 31.655], weight: 0.2, sigmaKm: 1.1 },
      { at: [120.458, 31.72], weight: 0.2, sigmaKm: 1.1 },
    ],
  },
  {
    code: '320206',
    name: '惠山区',
    roads: ['惠山大道', '政和大道', '堰新路', '钱桥大街', '洛社大街', '前洲大街', '玉祁大街', '阳山大道', '长安路', '盛岸西路'],
    centres: [
      { at: [120.294, 31.663], weight: 0.5, sigmaKm: 1.7 },
      { at: [120.238, 31.612], weight: 0.3, sigmaKm: 1.3 },
      { at: [120.312, 31.628], weight: 0.3, sigmaKm: 1.2 },
      { at: [120.163, 31.642], weight: 0.3, sigmaKm: 1.4 },
      { at: [120.255, 31.713], weight: 0.2, sigmaKm: 1.1 },
      { at: [120.205, 31.735], weight: 0.2, sigmaKm: 1.1 },
    ],
  },
  {
    code: '320211',
    name: '滨湖区',
    roads: ['梁溪路', '太湖大道', '湖滨路', '蠡湖大道', '鸿桥路', '华庄路', '雪浪路', '马山大道', '胡埭路', '青祁路', '震泽路'],
    centres: [
      { at: [120.266, 31.56], weight: 0.6, sigmaKm: 1.6 },
      { at: [120.283, 31.535], weight: 0.4, sigmaKm: 1.3 },
      { at: [120.31, 31.495], weight: 0.4, sigmaKm: 1.8 },
      { at: [120.34, 31.52], weight: 0.3, sigmaKm: 1.3 },
      { at: [120.225, 31.575], weight: 0.25, sigmaKm: 1.2 },
      { at: [120.11, 31.53], weight: 0.15, sigmaKm: 1.2 },
    ],
  },
  {
    code: '320213',
    name: '梁溪区',
    roads: [],
    centres: [],
  },
  {
    code: '320214',
    name: '新吴区',
    roads: ['长江路', '新华路', '旺庄路', '硕放路', '梅村大道', '鸿山路', '新安大道', '锡士路', '和风路', '珠江路', '行创四路'],
    centres: [
      { at: [120.365, 31.565], weight: 0.55, sigmaKm: 1.7 },
      { at: [120.353, 31.535], weight: 0.35, sigmaKm: 1.4 },
      { at: [120.44, 31.555], weight: 0.3, sigmaKm: 1.3 },
      { at: [120.468, 31.502], weight: 0.3, sigmaKm: 1.3 },
      { at: [120.5, 31.535], weight: 0.15, sigmaKm: 1.1 },
    ],
  },
];

/**
 * Display name of a community or village: residents' committees as in the demo (the trailing
 * 居委会 and its variants dropped, "社区" kept); villagers' committees (村委会, 村民委员会)
 * become "…村"; anything else (a park's 虚拟社区) stays as published.
 */
export function cityCommunityName(sourceName: string): string {
  const village = /^(.*?)(村民委员会|村委会)$/.exec(sourceName);
  if (village) {
    const stem = village[1] ?? '';
    return stem.endsWith('村') ? stem : `${stem}村`;
  }
  return communityDisplayName(sourceName);
}

/**
 * Park areas, development zones and "virtual" communities (sequence 400 and up, or so named):
 * few homes, few grids. Villages (200–399) are not parks; the street layout gives them (like
 * the demo's park area) their street's largest cells.
 */
export function isParkCommunity(code: string, sourceName: string): boolean {
  return code.slice(9) >= '400' || /虚拟社区/.test(sourceName);
}

/** Villages (村委会): sequence 200–399. */
export function isVillage(code: string): boolean {
  const tail = code.slice(9);
  return tail >= '200' && tail < '400';
}
