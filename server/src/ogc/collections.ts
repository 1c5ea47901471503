/** The three public collections of /ogc and the properties each can be filtered on. */

/** A queryable property: its JSON Schema, and how a query parameter's text is checked. */
export interface Queryable {
  title: string;
  type: 'string' | 'integer';
  enum?: readonly string[];
}

interface Collection {
  title: string;
  description: string;
  /** Filterable by equality as `?name=value` (OGC API – Features Part 1 §7.15.5, Part 3 queryables). */
  queryables: Record<string, Queryable>;
}

const REGION_LEVELS = ['city', 'district', 'street', 'community'] as const;
const FACILITY_KINDS = ['center', 'station', 'party_home', 'rep_studio', 'volunteer_point'] as const;

export const COLLECTIONS = {
  regions: {
    title: '行政区划 (district, streets, communities)',
    description: '区、街道、社区边界，编码为国家统计用区划代码',
    queryables: {
      code: { title: '区划代码 (region code)', type: 'string' },
      name: { title: '名称 (name)', type: 'string' },
      level: { title: '层级 (level)', type: 'string', enum: REGION_LEVELS },
      parentCode: { title: '上级区划代码 (parent region code)', type: 'string' },
    },
  },
  grids: {
    title: '网格 (grid units)',
    description: '现行网格单元：编码、名称、户数、常住人口、网格长',
    queryables: {
      code: { title: '网格编码 (grid code)', type: 'string' },
      name: { title: '网格名称 (grid name)', type: 'string' },
      communityCode: { title: '所属社区代码 (community code)', type: 'string' },
      households: { title: '户数 (households)', type: 'integer' },
      population: { title: '常住人口 (population)', type: 'integer' },
    },
  },
  facilities: {
    title: '党群服务阵地 (Party service facilities)',
    description: '公开的党群服务中心、服务站、党员之家等',
    queryables: {
      name: { title: '名称 (name)', type: 'string' },
      kind: { title: '类型 (kind)', type: 'string', enum: FACILITY_KINDS },
      gridId: { title: '所在网格 id (grid id)', type: 'integer' },
    },
  },
} as const satisfies Record<string, Collection>;

export type CollectionId = keyof typeof COLLECTIONS;
export const COLLECTION_IDS = Object.keys(COLLECTIONS) as CollectionId[];

/** Matched exactly: `in` would also take inherited names (__proto__, constructor, toString…). */
export function isCollectionId(id: string | undefined): id is CollectionId {
  return id !== undefined && Object.hasOwn(COLLECTIONS, id);
}
