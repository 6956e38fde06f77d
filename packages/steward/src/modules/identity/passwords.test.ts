import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('stores scrypt with its parameters and a per-password salt, never the password', async () => {
    const stored = await hashPassword('correct horse battery');
    const [scheme, N, r, p, salt, key] = stored.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(stored).not.toContain('correct horse');
    // Independently recomputed with node:crypto from the stored salt.
    const expected = scryptSync('correct horse battery', Buffer.from(salt ?? '', 'base64'), 64, {
      N: 16384,
      r: 8,
      p: 1,
    });
    expect(key).toBe(expected.toString('base64'));
    const again = await hashPassword('correct horse battery');
    expect(again.split('$')[4]).not.toBe(salt);
    expect(again).not.toBe(stored);
  });

  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('verifies a hash made with other parameters, since they are stored with it', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('pw-with-old-cost', salt, 64, { N: 1024, r: 8, p: 1 });
    const stored = ['scrypt', 1024, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    expect(await verifyPassword('pw-with-old-cost', stored)).toBe(true);
    expect(await verifyPassword('something else', stored)).toBe(false);
  });

  it('refuses malformed stored hashes instead of throwing', async () => {
    for (const stored of [
      '',
      'plain',
      'bcrypt$1$2$3$4$5',
      'scrypt$0$8$1$AAAA$AAAA',
      'scrypt$16384$8$1$AAAA$short',
    ]) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });

  it('generates distinct first-start passwords of 24 url-safe characters', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(a);
  });
});
