/** Crockford base32 without I, L, O, U: the alphabet of tracking codes. */
const CODE = /^[0-9A-HJKMNP-TV-Z]{12}$/;

/**
 * A tracking code as stored (`XXXX-XXXX-XXXX`) from what someone typed: any case, with or
 * without dashes and spaces; null when it cannot be one.
 */
export function normaliseTrackingCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[\s-]/g, '');
  if (!CODE.test(plain)) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}
