// High-entropy secrets for API tokens and sessions. Steward stores only their SHA-256: with 256
// random bits a fast hash is enough, and a lookup by hash stays one indexed query.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every API token starts with this, so secret scanners and people recognise one when leaked. */
export const tokenPrefix = 'stw_';

export function newTokenSecret(): string {
  return `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
}

export function newRandomSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares two secrets without leaking, through timing, how much of them matched. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
