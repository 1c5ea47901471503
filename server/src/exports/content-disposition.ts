/**
 * `Content-Disposition: attachment` with an ASCII `filename` for old clients and an RFC 6266 /
 * RFC 8187 `filename*` in UTF-8 for everyone else (browsers prefer it, so users see the Chinese name).
 */
export function attachmentDisposition(asciiName: string, utf8Name: string): string {
  const fallback = asciiName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc8187(safeFileName(utf8Name))}`;
}

/** Names come partly from data (region names): keep characters no file system or shell trips on. */
function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_');
}

/** encodeURIComponent leaves ' ( ) * as they are; RFC 8187's attr-char does not allow them. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
