import { describe, expect, it } from 'vitest';
import { StewardError, unauthorised } from '../../platform/errors.ts';
import type { SignInMethod } from './sign-in.ts';
import { throttled } from './sign-in-throttle.ts';
import type { UserRow } from './tables.ts';

const user = { id: 'u1', handle: 'ann' } as UserRow;
/** A sign-in that accepts only the password "right". */
const method: SignInMethod<{ handle: string; password: string }> = {
  name: 'password',
  async verifyCredentials({ password }) {
    if (password !== 'right') throw unauthorised('sign-in failed');
    return user;
  },
};

describe('sign-in throttle', () => {
  it('refuses even the right password after too many failures, until the window passes', async () => {
    let clock = 0;
    const signIn = throttled(method, { maxFailures: 3, windowMs: 60_000, now: () => clock });
    for (let i = 0; i < 3; i++) {
      await expect(signIn.verifyCredentials({ handle: 'Ann', password: 'wrong' })).rejects.toMatchObject({
        kind: 'unauthorised',
      });
    }
    const refused = await signIn.verifyCredentials({ handle: 'ann', password: 'right' }).catch((e) => e);
    expect(refused).toBeInstanceOf(StewardError);
    expect(refused.kind).toBe('too_many_requests');
    expect(refused.message).toBe(
      'too many failed sign-ins for ann; try again in 1 minute, or ask an admin to reset the password',
    );
    // Other people are not affected.
    await expect(signIn.verifyCredentials({ handle: 'bob', password: 'right' })).resolves.toBe(user);
    clock = 60_001;
    await expect(signIn.verifyCredentials({ handle: 'ann', password: 'right' })).resolves.toBe(user);
  });

  it('forgets failures once the person signs in', async () => {
    const signIn = throttled(method, { maxFailures: 2, windowMs: 60_000, now: () => 0 });
    await signIn.verifyCredentials({ handle: 'ann', password: 'wrong' }).catch(() => {});
    await signIn.verifyCredentials({ handle: 'ann', password: 'right' });
    await signIn.verifyCredentials({ handle: 'ann', password: 'wrong' }).catch(() => {});
    await expect(signIn.verifyCredentials({ handle: 'ann', password: 'right' })).resolves.toBe(user);
  });
});
