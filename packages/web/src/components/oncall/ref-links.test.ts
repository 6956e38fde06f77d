import { describe, expect, it } from 'vitest';
import { isMine } from '../../pages/oncall/my-shifts-page.tsx';
import { parseRef, refHref, shortRef } from './ref-links.tsx';

describe('refs as the portal shows and links them', () => {
  it('parses kind, namespace and name, with default for a missing namespace', () => {
    expect(parseRef('user:default/alice')).toEqual({ kind: 'user', namespace: 'default', name: 'alice' });
    expect(parseRef('schedule:payments-primary')).toEqual({
      kind: 'schedule',
      namespace: 'default',
      name: 'payments-primary',
    });
    expect(parseRef('bob')).toEqual({ kind: '', namespace: 'default', name: 'bob' });
  });

  it('leaves the default namespace out of what is shown, and keeps any other', () => {
    expect(shortRef('user:default/alice')).toBe('alice');
    expect(shortRef('component:shop/cart')).toBe('shop/cart');
  });

  it('links people, teams and schedules to their portal pages, the rest to the catalog', () => {
    expect(refHref('user:default/alice')).toBe('/people/alice');
    expect(refHref('group:default/payments')).toBe('/teams/payments');
    expect(refHref('schedule:default/payments-primary')).toBe('/oncall/schedules/default/payments-primary');
    expect(refHref('component:default/checkout-api')).toBe('/catalog/component/default/checkout-api');
    // A person outside the default namespace has no people page: the catalog shows them.
    expect(refHref('user:contractors/zoe')).toBe('/catalog/user/contractors/zoe');
  });

  it("recognises the signed-in person's shifts by their handle", () => {
    expect(isMine('user:default/amara-nwosu', 'amara-nwosu')).toBe(true);
    expect(isMine('user:default/amara-nwosu', 'Amara-Nwosu')).toBe(true);
    expect(isMine('user:other/amara-nwosu', 'amara-nwosu')).toBe(false);
    expect(isMine('user:default/chen-wei', 'amara-nwosu')).toBe(false);
  });
});
