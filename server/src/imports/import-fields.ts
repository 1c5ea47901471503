// Column and property names people use for each field, in both languages. Matching ignores
// case, spaces (full-width ones too), full-width letters, a "*" required mark and a trailing
// bracketed note such as "户数（户）".

/** A cell or property value as a reader gives it. */
export type Cell = string | number | boolean | null;

/** One data row or feature, its values keyed by the header or property name as written. */
export interface SourceRecord {
  /** Spreadsheet row (header = 1) or feature number (from 1). */
  row: number;
  values: ReadonlyMap<string, Cell>;
  /** Feature formats only: the GeoJSON geometry as read (not yet checked); null when absent. */
  geometry?: unknown;
}

/** What a reader hands on: every header or property name seen (in order) and the records. */
export interface SourceData {
  headers: string[];
  records: SourceRecord[];
}

/** Aliases per field; the first entry is the English name, the first CJK one the Chinese name. */
export type FieldAliases<K extends string> = Record<K, readonly string[]>;

export const GRID_FIELDS = {
  code: ['code', '网格编码', '网格代码', '网格编号', '编码'],
  name: ['name', '名称', '网格名称'],
  communityCode: ['communityCode', 'community', 'community_code', '社区代码', '社区编码'],
  households: ['households', '户数'],
  population: ['population', '人口', '人数'],
  leaderName: ['leaderName', 'leader', 'leader_name', '网格长', '网格员'],
  leaderPhone: ['leaderPhone', 'phone', 'leader_phone', '电话', '联系电话', '手机'],
} as const satisfies FieldAliases<string>;

const LNG = ['lng', 'lon', 'long', 'longitude', 'x', '经度'] as const;
const LAT = ['lat', 'latitude', 'y', '纬度'] as const;

export const FACILITY_FIELDS = {
  id: ['id', '编号'],
  name: ['name', '名称', '站点名称'],
  kind: ['kind', 'type', '类型', '类别'],
  address: ['address', '地址'],
  phone: ['phone', '电话', '联系电话'],
  openingHours: ['openingHours', 'hours', 'opening_hours', '开放时间', '服务时间'],
  services: ['services', '服务项目', '服务'],
  public: ['public', '公开', '是否公开'],
  lng: LNG,
  lat: LAT,
} as const satisfies FieldAliases<string>;

export const MEMBER_FIELDS = {
  name: ['name', '姓名'],
  status: ['status', '状态', '党员类别', '类别'],
  orgName: ['orgName', 'org', 'party_org', '所属党组织', '党组织', '所属支部', '支部'],
  floating: ['floating', '流动党员', '是否流动党员'],
  phone: ['phone', '电话', '联系电话', '手机'],
  lng: LNG,
  lat: LAT,
  address: ['address', '地址'],
} as const satisfies FieldAliases<string>;

/** The form of a header that matching compares. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\*/g, '')
    .replace(/[(（][^()（）]*[)）]$/, '')
    .toLowerCase();
}

/** For each field, the header that holds it as the file spells it, or null when no column matches. */
export type FieldHeaders<K extends string> = Record<K, string | null>;

export function matchHeaders<K extends string>(aliases: FieldAliases<K>, headers: readonly string[]): FieldHeaders<K> {
  const keyed = headers.map((header) => ({ header, key: headerKey(header) }));
  const out = {} as FieldHeaders<K>;
  for (const field of Object.keys(aliases) as K[]) {
    const wanted = new Set(aliases[field].map(headerKey));
    out[field] = keyed.find((h) => h.key !== '' && wanted.has(h.key))?.header ?? null;
  }
  return out;
}

const CJK = /[\u3400-\u9fff]/;

/**
 * The names to report a field under when the file has no such column: Chinese when the file's
 * headers are Chinese, else the English name.
 */
export function fallbackLabels<K extends string>(aliases: FieldAliases<K>, headers: readonly string[]): Record<K, string> {
  const chinese = headers.some((h) => CJK.test(h));
  const out = {} as Record<K, string>;
  for (const field of Object.keys(aliases) as K[]) {
    const names = aliases[field];
    out[field] = (chinese ? names.find((n) => CJK.test(n)) : undefined) ?? names[0]!;
  }
  return out;
}
