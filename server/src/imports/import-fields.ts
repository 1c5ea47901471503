// Column and property names people use for each field, in both languages. Matching ignores
// case, spaces (full-width ones too), full-width letters, a "*" required mark and a trailing
// bracketed note such as "户数（户）". A Shapefile's DBF keeps only 10 bytes of a name (网格编码 is
// 12 bytes in UTF-8): there a name at the limit also matches the alias it is the cut start of.

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
  /** Set by formats that cut names to a number of bytes in the file's encoding (a DBF: 10). */
  truncatedHeaders?: HeaderLimit | undefined;
}

export interface HeaderLimit {
  bytes: number;
  /** "utf-8", "gbk" or another label TextDecoder knows. */
  encoding: string;
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

export const BUILDING_FIELDS = {
  key: ['id', 'key', '编号', '楼栋编号', '楼栋代码'],
  name: ['name', '楼栋', '楼号', '名称', '楼栋名称', '楼栋号'],
  communityCode: ['communityCode', 'community', 'community_code', '社区编码', '社区代码'],
  households: ['households', '户数', '住户数'],
  population: ['population', '人口', '人数'],
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

/**
 * Exact names first; then, when the format cuts names, a name still unmatched that is an
 * alias cut at the limit (the cut may split a character: its broken bytes read as U+FFFD).
 */
export function matchHeaders<K extends string>(aliases: FieldAliases<K>, headers: readonly string[], limit?: HeaderLimit): FieldHeaders<K> {
  const keyed = headers.map((header) => ({ header, key: headerKey(header) }));
  const fields = Object.keys(aliases) as K[];
  const out = {} as FieldHeaders<K>;
  for (const field of fields) {
    const wanted = new Set(aliases[field].map(headerKey));
    out[field] = keyed.find((h) => h.key !== '' && wanted.has(h.key))?.header ?? null;
  }
  if (!limit) return out;
  const taken = new Set(Object.values<string | null>(out));
  for (const field of fields) {
    if (out[field] !== null) continue;
    const cuts = new Set(aliases[field].flatMap((alias) => cutAlias(alias, limit)).map(headerKey));
    const found = keyed.find((h) => !taken.has(h.header) && h.key !== '' && cuts.has(headerKey(h.header.replace(/\uFFFD+$/, ''))));
    out[field] = found?.header ?? null;
    if (found) taken.add(found.header);
  }
  return out;
}

/** The alias as a format that keeps `limit.bytes` bytes writes it: whole characters only; none when it fits. */
function cutAlias(alias: string, limit: HeaderLimit): string[] {
  let bytes = 0;
  let cut = '';
  for (const char of alias) {
    bytes += byteLength(char, limit.encoding);
    if (bytes > limit.bytes) return [cut];
    cut += char;
  }
  return [];
}

/** Bytes of one character: UTF-8 by code point; the Chinese double-byte encodings take two per non-ASCII character. */
function byteLength(char: string, encoding: string): number {
  const code = char.codePointAt(0)!;
  if (code < 0x80) return 1;
  if (encoding === 'utf-8') return code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  return 2;
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
