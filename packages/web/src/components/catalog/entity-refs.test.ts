import { describe, expect, it } from 'vitest';
import { entityHref, ownerHref, parseRef, shortRef } from './entity-refs.ts';

describe('entity refs', () => {
  it('reads full, kind-only and bare refs, a bare name being a Component in the default namespace', () => {
    expect(parseRef('component:default/checkout-api')).toEqual({
      kind: 'component',
      namespace: 'default',
      name: 'checkout-api',
    });
    expect(parseRef('Group:payments')).toEqual({ kind: 'group', namespace: 'default', name: 'payments' });
    expect(parseRef('web')).toEqual({ kind: 'component', namespace: 'default', name: 'web' });
  });

  it('links entities to their catalog page and teams and people to their own pages', () => {
    expect(entityHref('api:shop/cart api')).toBe('/catalog/api/shop/cart%20api');
    expect(ownerHref('group:default/payments')).toBe('/teams/payments');
    expect(ownerHref('user:default/amara-nwosu')).toBe('/people/amara-nwosu');
    expect(ownerHref('group:ops/payments')).toBe('/catalog/group/ops/payments');
  });

  it('shortens refs by leaving out the default namespace', () => {
    expect(shortRef('component:default/web')).toBe('web');
    expect(shortRef('component:default/web', { withKind: true })).toBe('component:web');
    expect(shortRef('api:shop/cart')).toBe('shop/cart');
  });
});
