import crypto from 'node:crypto';

// Tracking codes: 12 random characters of Crockford's base32 (0-9 and A-Z without I, L, O and U),
// about 60 bits, shown as XXXX-XXXX-XXXX. Random, so neither guessable nor sequential.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;

/** A fresh code, e.g. `7KXM-3PQ9-2AHD`. */
export function newTrackingCode(): string {
  let chars = '';
  for (let i = 0; i < LENGTH; i++) chars += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return shown(chars);
}

/**
 * The code as stored, from what a person typed: lower case, spaces and dashes are fine, and the
 * letters Crockford reads as digits (O → 0, I and L → 1) are read so. Null when it cannot be a code.
 */
export function normalizeTrackingCode(typed: string): string | null {
  const chars = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (chars.length !== LENGTH || [...chars].some((c) => !ALPHABET.includes(c))) return null;
  return shown(chars);
}

function shown(chars: string): string {
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}
