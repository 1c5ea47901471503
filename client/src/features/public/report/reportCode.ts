// Tracking codes as residents type them and as the address carries them: 12 characters of
// Crockford base32 (no I, L, O, U), shown XXXX-XXXX-XXXX; lower case, spaces and dashes are taken.

const CODE_CHARS = /^[0-9A-HJKMNP-TV-Z]{12}$/;
const STATUS_PATH = /^\/report\/([^/]+)$/;

/** The code in its shown form, or null when the text cannot be one. */
export function normalizeCode(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s-]/g, '');
  if (!CODE_CHARS.test(compact)) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`;
}

/** The code part of a `/report/:code` path (as written there), or null for the form at `/report`. */
export function codeFromPath(pathname: string): string | null {
  const match = STATUS_PATH.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

export function statusPath(code: string): string {
  return `/report/${encodeURIComponent(code)}`;
}
