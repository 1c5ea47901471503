// Region codes as both sides check them. Part of the contract: no server dependencies.

/**
 * A region code of the national scheme, by level: city 4 digits (3202), district 6 (320213),
 * street 9 (320213001), community 12 (320213001001).
 */
export const REGION_CODE = /^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/;

/** A community's code: 12 digits. */
export const COMMUNITY_CODE = /^\d{12}$/;
