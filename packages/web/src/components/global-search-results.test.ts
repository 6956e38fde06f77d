import { describe, expect, it } from 'vitest';
import { searchOptions } from './global-search-results.ts';

const teams = [
  { name: 'payments', displayName: 'Payments' },
  { name: 'site-reliability', displayName: 'Site Reliability' },
];
const people = [
  { handle: 'ada', name: 'Ada Lovelace' },
  { handle: 'grace-hopper', name: 'Grace Hopper' },
];

describe('searchOptions', () => {
  it('offers nothing for no words', () => {
    expect(searchOptions('  ', { entities: [], teams, people })).toEqual([]);
  });

  it('lists catalog entities first, then teams and people whose names hold every word', () => {
    const entities = [
      {
        ref: 'component:default/payments-api',
        kind: 'Component',
        namespace: 'default',
        name: 'payments-api',
        title: 'Payments API',
      },
      { ref: 'group:default/payments', kind: 'Group', namespace: 'default', name: 'payments' },
      { ref: 'api:billing/pay', kind: 'API', namespace: 'billing', name: 'pay', title: null },
    ];
    const options = searchOptions('PAY', { entities, teams, people });
    expect(options).toEqual([
      {
        key: 'entity:component:default/payments-api',
        group: 'Catalog',
        label: 'Payments API',
        detail: 'component · payments-api',
        href: '/catalog/component/default/payments-api',
      },
      {
        key: 'entity:api:billing/pay',
        group: 'Catalog',
        label: 'pay',
        detail: 'api · billing/pay',
        href: '/catalog/api/billing/pay',
      },
      {
        key: 'team:payments',
        group: 'Teams',
        label: 'Payments',
        detail: 'team · payments',
        href: '/teams/payments',
      },
    ]);
  });

  it('matches people by handle or name, every word somewhere', () => {
    const options = searchOptions('grace hop', { entities: [], teams, people });
    expect(options.map((o) => o.href)).toEqual(['/people/grace-hopper']);
    expect(searchOptions('ada reliability', { entities: [], teams, people })).toEqual([]);
  });
});
