// Password hashing with scrypt (node:crypto): a random salt per password, parameters stored with
// the hash so they can be raised later without invalidating existing passwords.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const keyLength = 64;
const defaults = { N: 16384, r: 8, p: 1 };

function derive(password: string, salt: Buffer, cost: typeof defaults): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, defaults);
  const { N, r, p } = defaults;
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (!N || !r || !p || expected.length !== keyLength) return false;
  const key = await derive(password, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** Spends the same time as a real check, so an unknown handle answers as slowly as a wrong password. */
export async function verifyNothing(password: string): Promise<false> {
  await derive(password, dummySalt, defaults);
  return false;
}

const dummySalt = randomBytes(16);

/** A password for the first admin: 24 characters from 18 random bytes. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
