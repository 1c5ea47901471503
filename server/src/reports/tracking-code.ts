import crypto from 'node:crypto';

// Tracking codes: 12 random characters of Crockford's base32 (0-9 and A-Z without I, L, O and U),
// about 60 bits, shown as XXXX-XXXX-XXXX. Random, so neither guessable nor sequential. What a
// person types is read back by normaliseTrackingCode (../cases/tracking-code.ts).

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;

/** A fresh code, e.g. `7KXM-3PQ9-2AHD`. */
export function newTrackingCode(): string {
  let chars = '';
  for (let i = 0; i < LENGTH; i++) chars += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return shown(chars);
}

function shown(chars: string): string {
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}
