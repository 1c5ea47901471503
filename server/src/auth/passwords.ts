import crypto from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';

// argon2id (Algorithm.Argon2id = 2; the package exports it as a const enum, which isolated
// modules cannot read) with at least OWASP's minimum: 19 MiB, 2 passes, 1 lane.
export const ARGON2_OPTIONS: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Verifying against this when the user does not exist keeps the timing the same either way.
const UNKNOWN_USER_HASH = hashPassword(crypto.randomBytes(16).toString('hex'));

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await UNKNOWN_USER_HASH), password);
  } catch {
    return false;
  }
}

/** 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I): easy to read out and type. */
export function generatePassword(length = 16): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(crypto.randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
}

export const passwordRule = { min: 10, max: 200 } as const;
