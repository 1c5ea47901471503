// Coordinate systems the API takes and answers in. Part of the contract: no server dependencies.

/** WGS84 (GPS, Tianditu/CGCS2000), GCJ-02 (Amap, Tencent, WeChat), BD-09 (Baidu); stored as WGS84. */
export const CRS = ['wgs84', 'gcj02', 'bd09'] as const;
export type Crs = (typeof CRS)[number];
