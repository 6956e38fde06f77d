import { describe, expect, it } from 'vitest';
import { StewardError } from '../../platform/errors.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import { throttleAddress } from './client-address.ts';
import { createSignInThrottle, type ThrottleLimits } from './sign-in-throttle.ts';
import type { IdentityTables } from './tables.ts';

const limits: ThrottleLimits = { perHandleAndAddress: 3, perHandle: 5, perAddress: 8, windowMs: 60_000 };

async function refusal(attempt: Promise<unknown>): Promise<StewardError | 'allowed'> {
  try {
    await attempt;
    return 'allowed';
  } catch (error) {
    if (error instanceof StewardError) return error;
    throw error;
  }
}

describeEachEngine('sign-in throttle', ({ db }) => {
  const kysely = () => db().kysely<IdentityTables>();
  let n = 0;
  /** A throttle on its own handles, so the tests do not share budgets. */
  const fresh = () => ({ throttle: createSignInThrottle(kysely(), limits), handle: `ann-${n++}` });

  it('refuses a handle from one address after its budget, saying until when, and not from another address', async () => {
    const { throttle, handle } = fresh();
    for (let i = 0; i < 3; i++) await throttle.attempt(handle, '192.0.2.1');
    const refused = await refusal(throttle.attempt(handle.toUpperCase(), '192.0.2.1'));
    expect(refused).toBeInstanceOf(StewardError);
    const error = refused as StewardError;
    expect(error.kind).toBe('too_many_requests');
    expect(error.message).toBe(
      `too many failed sign-ins for ${handle} from 192.0.2.1; try again in 1 minute, or ask an admin to set a new password`,
    );
    expect(error.retryAfterSeconds).toBeGreaterThan(50);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await refusal(throttle.attempt(handle, '192.0.2.2'))).toBe('allowed');
  });

  it('takes the slot before the check: of many parallel attempts, only the budget goes ahead', async () => {
    const { throttle, handle } = fresh();
    const results = await Promise.all(
      Array.from({ length: 200 }, () => refusal(throttle.attempt(handle, '192.0.2.3'))),
    );
    expect(results.filter((r) => r === 'allowed')).toHaveLength(3);
    expect(results.filter((r) => r instanceof StewardError && r.kind === 'too_many_requests')).toHaveLength(
      197,
    );
  });

  it('bounds a handle guessed from many addresses, and gives back what a refused attempt took', async () => {
    const { throttle, handle } = fresh();
    for (let i = 0; i < 3; i++) await throttle.attempt(handle, '198.51.100.1');
    expect(await refusal(throttle.attempt(handle, '198.51.100.1'))).not.toBe('allowed');
    // Two more from another address fill the handle's budget of 5, for every address.
    for (let i = 0; i < 2; i++) await throttle.attempt(handle, '198.51.100.2');
    for (const address of ['198.51.100.2', '198.51.100.3']) {
      const refused = await refusal(throttle.attempt(handle, address));
      expect((refused as StewardError).message).toContain(`for ${handle} from several addresses`);
    }
    // The refused attempt took nothing from its own address's budgets.
    const rows = await kysely()
      .selectFrom('sign_in_throttle')
      .select(['key', 'failures'])
      .where('key', 'like', '%198.51.100.3%')
      .execute();
    expect(rows).toEqual([{ key: `pair:["${handle}","198.51.100.3"]`, failures: 0 }]);
  });

  it('bounds one address trying many handles', async () => {
    const { throttle, handle } = fresh();
    for (let i = 0; i < 8; i++) await throttle.attempt(`${handle}-${i}`, '203.0.113.5');
    const refused = await refusal(throttle.attempt(`${handle}-9`, '203.0.113.5'));
    expect((refused as StewardError).message).toBe(
      'too many failed sign-ins from 203.0.113.5; try again in 1 minute',
    );
  });

  it('counts nothing for a success, and forgets that address’s failures for the handle', async () => {
    const { throttle, handle } = fresh();
    for (let i = 0; i < 2; i++) await throttle.attempt(handle, '192.0.2.9');
    await (await throttle.attempt(handle, '192.0.2.9')).succeeded();
    for (let i = 0; i < 3; i++) await throttle.attempt(handle, '192.0.2.9');
    expect(await refusal(throttle.attempt(handle, '192.0.2.9'))).not.toBe('allowed');
  });

  it('says which budgets an attempt filled, and starts afresh when the window has passed', async () => {
    const { throttle, handle } = fresh();
    await throttle.attempt(handle, '192.0.2.10');
    await throttle.attempt(handle, '192.0.2.10');
    const last = await throttle.attempt(handle, '192.0.2.10');
    expect(last.filled.map((f) => f.budget)).toEqual(['this handle from this address']);
    expect(last.filled[0]?.until.getTime()).toBeGreaterThan(Date.now());
    await kysely()
      .updateTable('sign_in_throttle')
      .set({ resets_at: new Date(Date.now() - 1000) })
      .where('key', 'like', `%${handle}%`)
      .execute();
    expect(await refusal(throttle.attempt(handle, '192.0.2.10'))).toBe('allowed');
  });

  it('forgets every budget of a handle when told (an admin set a new password)', async () => {
    const { throttle, handle } = fresh();
    for (let i = 0; i < 3; i++) await throttle.attempt(handle, '192.0.2.11');
    for (let i = 0; i < 2; i++) await throttle.attempt(handle, '192.0.2.12');
    const other = `${handle}x`;
    for (let i = 0; i < 3; i++) await throttle.attempt(other, '192.0.2.11');
    await throttle.forgetHandle(handle);
    expect(await refusal(throttle.attempt(handle, '192.0.2.11'))).toBe('allowed');
    expect(await refusal(throttle.attempt(other, '192.0.2.11'))).not.toBe('allowed');
  });
});

describe('the address a client is counted by', () => {
  it('is an IPv4 address as it is, and an IPv6 address by its /64', () => {
    expect(throttleAddress('192.0.2.1')).toBe('192.0.2.1');
    expect(throttleAddress('2001:db8:a:b:1:2:3:4')).toBe('2001:db8:a:b::/64');
    expect(throttleAddress('2001:DB8:A:B::99')).toBe('2001:db8:a:b::/64');
    expect(throttleAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
  });
});
