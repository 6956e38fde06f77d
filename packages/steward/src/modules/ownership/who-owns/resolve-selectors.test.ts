// Who owns a Kubernetes object, an alert and a URL, on the shop fixture. Document starts counted by
// hand in fixture.test-support.ts: cart 3, cart-ui 28, checkout 41, checkout-worker 53,
// payments-api 68, edge 85, edge-canary 144.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShop, type Shop } from './fixture.test-support.ts';

let shop: Shop;
beforeAll(async () => {
  shop = await loadShop();
});

const entityOf = (text: string) => shop.ask(text).decidedBy?.entity ?? null;
const payments = { ref: 'group:default/payments', role: 'primary', name: 'Payments Team' };
const storefront = { ref: 'group:default/storefront', role: 'primary' };

describe('who owns a Kubernetes object', () => {
  it('matches a steward selector by namespace and labels', () => {
    const answer = shop.ask('k8s:Deployment/shop/cart{app=cart}');
    expect(answer).toMatchObject({ kind: 'kubernetes', owned: true });
    expect(answer.owners[0]).toEqual(payments);
    expect(answer.decidedBy).toEqual({
      source: 'selector',
      file: shop.repo.componentsFile,
      line: 3,
      column: 1,
      rule: 'spec.selectors.kubernetes: namespace=shop, app=cart',
      entity: 'service:default/cart',
    });
  });

  it('lets the more specific match win, an annotation over a broader selector', () => {
    const answer = shop.ask('k8s:Deployment/shop/cart-web{app=cart,tier=frontend}');
    expect(answer.owners).toEqual([storefront]);
    expect(answer.decidedBy).toMatchObject({
      source: 'annotation',
      line: 28,
      rule: 'backstage.io/kubernetes-label-selector: app=cart,tier in (frontend,edge), backstage.io/kubernetes-namespace: shop',
    });
    expect(answer.candidates).toEqual([
      expect.objectContaining({
        decidedBy: expect.objectContaining({ entity: 'service:default/cart' }),
        reason: expect.stringContaining('2 constraints, weaker than a Backstage annotation with 3'),
      }),
    ]);
  });

  it('prefers a steward selector to a Backstage annotation of the same specificity', () => {
    const answer = shop.ask('k8s:Deployment/pay/checkout{backstage.io/kubernetes-id=checkout}');
    expect(answer.decidedBy).toMatchObject({
      source: 'selector',
      line: 53,
      entity: 'service:default/checkout-worker',
    });
    expect(answer.owners).toEqual([{ ref: 'group:default/search-team', role: 'primary' }]);
    expect(answer.candidates?.[0]?.decidedBy).toMatchObject({
      source: 'annotation',
      rule: 'backstage.io/kubernetes-id: checkout',
      entity: 'component:default/checkout',
    });
  });

  it('does not match across namespaces, nor by convention for components that declare selectors', () => {
    const answer = shop.ask('k8s:Deployment/other/cart-web{app=cart,tier=frontend}');
    expect(answer).toMatchObject({ owned: false, decidedBy: null });
    // checkout declares backstage.io/kubernetes-id, so its name alone does not claim an object.
    const unlabelled = shop.ask('k8s:Deployment/pay/checkout');
    expect(unlabelled).toMatchObject({ owned: false, decidedBy: null });
    expect(unlabelled.explanation).toContain('give its labels');
  });

  it('falls back, weaker and said so, to a component named by the app label or the object name', () => {
    const byLabel = shop.ask('k8s:Deployment/edge/proxy{app.kubernetes.io/name=edge}');
    expect(byLabel.decidedBy).toMatchObject({
      source: 'label-convention',
      line: 85,
      rule: 'label app.kubernetes.io/name=edge equals the name of component:default/edge',
    });
    const byName = shop.ask('k8s:StatefulSet/pay/payments-api');
    expect(byName).toMatchObject({ owned: true, owners: [payments] });
    expect(byName.decidedBy).toMatchObject({
      source: 'label-convention',
      rule: 'object name payments-api equals the name of service:default/payments-api',
    });
    expect(byName.explanation).toContain('naming convention');
  });
});

describe('who owns an alert', () => {
  it("matches all of a selector's matchers, regex and negative ones included", () => {
    const answer = shop.ask('alert:{alertname="PaymentsDown",service="payments",severity="critical"}');
    expect(answer).toMatchObject({ kind: 'alert', owned: true, owners: [payments] });
    expect(answer.decidedBy).toEqual({
      source: 'selector',
      file: shop.repo.componentsFile,
      line: 68,
      column: 1,
      rule: 'spec.selectors.alerts.matchers: service=~"pay.*", severity!=info, env!~"dev|test"',
      entity: 'service:default/payments-api',
    });
  });

  it('does not match when a negative matcher fails, or when the regex matches only part of the value', () => {
    expect(entityOf('alert:{service="payments",severity="info"}')).toBeNull();
    expect(entityOf('alert:{service="payments",env="dev"}')).toBeNull();
    expect(entityOf('alert:{service="xpayments"}')).toBeNull();
    expect(entityOf('alert:{service="payments",env="prod"}')).toBe('service:default/payments-api');
  });

  it('falls back to a component named by the service, app or job label, and says it is a convention', () => {
    const answer = shop.ask('alert:HighLatency{job="checkout"}');
    expect(answer.owners).toEqual([payments]);
    expect(answer.decidedBy).toMatchObject({
      source: 'label-convention',
      rule: 'label job=checkout equals the name of component:default/checkout',
    });
  });

  it('does not use the convention for a component whose own matchers do not match', () => {
    // cart's selector is service=cart; the app label naming it is not enough.
    expect(entityOf('alert:{app="cart"}')).toBeNull();
  });

  it('answers entities that tie with the same owners, and nobody when tied owners differ', () => {
    const same = shop.ask('alert:{team="edge"}');
    expect(same).toMatchObject({
      owned: true,
      owners: [storefront],
      decidedBy: { entity: 'component:default/edge' },
    });
    expect(same.candidates?.[0]).toMatchObject({
      decidedBy: { entity: 'component:default/edge-canary' },
      reason: expect.stringContaining('same owners'),
    });
    const tied = shop.ask('alert:{service="cart",team="edge"}');
    expect(tied).toMatchObject({ owned: false, owners: [], decidedBy: null });
    expect(tied.candidates?.map((c) => c.decidedBy.entity)).toEqual([
      'component:default/edge',
      'component:default/edge-canary',
      'service:default/cart',
    ]);
    expect(tied.explanation).toContain('3 entities with different owners');
  });
});

describe('who owns a URL', () => {
  it('picks the longest host plus path prefix', () => {
    const answer = shop.ask('https://api.shop.example/payments/v2/charges');
    expect(answer).toMatchObject({ kind: 'url', owned: true, owners: [payments] });
    expect(answer.decidedBy).toMatchObject({
      line: 68,
      rule: 'spec.selectors.urls: host api.shop.example, path prefix /payments/v2',
    });
    expect(answer.candidates?.[0]?.decidedBy).toMatchObject({
      entity: 'component:default/edge',
      rule: 'spec.selectors.urls: host *.shop.example',
    });
  });

  it('matches prefixes at segment boundaries and wildcards only below the domain', () => {
    expect(entityOf('url:https://www.shop.example/pay/now')).toBe('service:default/payments-api');
    expect(entityOf('url:https://www.shop.example/payment')).toBe('component:default/edge');
    expect(entityOf('https://shop.example/cart/items?id=1')).toBe('service:default/cart');
    expect(entityOf('https://shop.example/about')).toBeNull();
  });

  it('says plainly when nothing covers the URL', () => {
    expect(shop.ask('https://other.example/')).toMatchObject({
      owned: false,
      decidedBy: null,
      explanation: 'No URL selector, repository location or link in the catalog covers other.example/.',
    });
  });
});
