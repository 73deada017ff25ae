import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random URL-safe text with `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Secrets here are 256-bit random values, so a plain SHA-256 is a sound one-way hash (slow
 * password hashes exist for low-entropy human secrets, which these are not).
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
