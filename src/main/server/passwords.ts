/**
 * Password hashing for the newsroom server with scrypt (node:crypto), a standard memory-hard KDF,
 * at OWASP's recommended cost (N = 2^16, r = 8, p = 2: 64 MiB a hash). The stored form carries
 * its parameters, so that they can be raised later without locking anyone out:
 *   scrypt$<log2 N>$<r>$<p>$<salt, base64>$<hash, base64>
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const LOG_N = 16;
const R = 8;
const P = 2;
const KEY_LENGTH = 32;
/** Longer passwords are refused: scrypt hashes anything, but a megabyte of password is an attack. */
export const MAX_PASSWORD_LENGTH = 1024;
export const MIN_PASSWORD_LENGTH = 10;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Why a new password is not accepted, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, LOG_N, R, P);
  return ['scrypt', LOG_N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when the password is the one hashed; false for any stored form it cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const [kind, logN, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const [n, rr, pp] = [Number(logN), Number(r), Number(p)];
  if (![n, rr, pp].every(Number.isInteger) || n < 10 || n > 22 || rr < 1 || rr > 32 || pp < 1 || pp > 16)
    return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), n, rr, pp);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whether a stored hash was made with weaker parameters than today's (to re-hash at the next login). */
export function needsRehash(stored: string): boolean {
  const [kind, logN, r, p] = stored.split('$');
  return kind !== 'scrypt' || Number(logN) < LOG_N || Number(r) < R || Number(p) < P;
}
