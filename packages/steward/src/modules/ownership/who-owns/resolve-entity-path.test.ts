// Who owns an entity and who owns a file, on the shop fixture: line numbers are counted by hand in
// fixture.test-support.ts (components.yaml: cart starts on line 3, checkout's spec.owner is line 51).
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../../catalog/index.ts';
import { loadShop, type Shop } from './fixture.test-support.ts';
import { buildOwnershipIndex } from './ownership-index.ts';
import { resolveOwnership } from './resolve.ts';

let shop: Shop;
let components: string;
beforeAll(async () => {
  shop = await loadShop();
  components = shop.repo.componentsFile;
});

const payments = { ref: 'group:default/payments', role: 'primary', name: 'Payments Team' };

describe('who owns an entity', () => {
  it('answers an entity ref with its owner and where the owner is written', () => {
    for (const text of ['component:default/checkout', 'component:checkout', 'Component:default/Checkout']) {
      const answer = shop.ask(text);
      expect(answer).toMatchObject({ thing: text, kind: 'entity', owned: true, owners: [payments] });
      expect(answer.decidedBy).toEqual({
        source: 'entity',
        file: components,
        line: 51,
        column: 10,
        rule: 'spec.owner: payments',
        entity: 'component:default/checkout',
      });
    }
  });

  it('puts the primary owner first whatever order spec.owners lists them in', () => {
    const answer = shop.ask('service:default/cart');
    expect(answer.owners).toEqual([payments, { ref: 'group:default/storefront', role: 'secondary' }]);
    expect(answer.decidedBy).toMatchObject({ line: 13, column: 12, entity: 'service:default/cart' });
  });

  it('takes the Component for a bare name several kinds share, and lists the others', () => {
    const answer = shop.ask('checkout');
    expect(answer).toMatchObject({
      owned: true,
      owners: [payments],
      decidedBy: { entity: 'component:default/checkout' },
    });
    expect(answer.candidates).toEqual([
      {
        owners: [{ ref: 'group:default/storefront', role: 'primary' }],
        decidedBy: expect.objectContaining({ entity: 'resource:default/checkout', line: 116 }),
        reason: expect.stringContaining('also named checkout'),
      },
    ]);
  });

  it('answers nobody for an ambiguous bare name, listing every entity of that name', () => {
    const answer = shop.ask('search');
    expect(answer).toMatchObject({ owned: false, owners: [], decidedBy: null });
    expect(answer.explanation).toContain('resource:default/search');
    expect(answer.explanation).toContain('system:default/search');
    expect(answer.candidates?.map((c) => [c.decidedBy.entity, c.owners[0]?.ref])).toEqual([
      ['resource:default/search', 'group:default/search-team'],
      ['system:default/search', 'group:default/storefront'],
    ]);
  });

  it('is still owned by an owner the catalog does not have, and says that owner is not in it', () => {
    const answer = shop.ask('orphan');
    expect(answer).toMatchObject({
      owned: true,
      owners: [{ ref: 'group:default/ghosts', role: 'primary', inCatalog: false }],
    });
    expect(answer.decidedBy).toMatchObject({ source: 'entity', file: components, line: 108, column: 10 });
    expect(answer.explanation).toMatch(/owned by group:default\/ghosts, not in this catalog/);
  });

  it('says plainly when the ref or name is not in the catalog', () => {
    expect(shop.ask('component:default/nope')).toMatchObject({
      owned: false,
      decidedBy: null,
      explanation: 'component:default/nope is not in the catalog.',
    });
    expect(shop.ask('api:search').explanation).toContain('resource:default/search');
    expect(shop.ask('nope').explanation).toBe('No entity in the catalog is named nope.');
  });

  it('answers a Group with itself', () => {
    expect(shop.ask('group:payments')).toMatchObject({
      owned: true,
      owners: [{ ref: 'group:default/payments', role: 'self', name: 'Payments Team' }],
    });
  });

  it('is not owned when the entity declares no owner', () => {
    const ownerless: CatalogEntity = {
      ref: 'component:default/loose',
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      namespace: 'default',
      name: 'loose',
      metadata: { name: 'loose' },
      spec: { type: 'service' },
      owners: [],
      relations: [],
      source: { file: 'loose.yaml', line: 4, column: 1, document: 0 },
    };
    const index = buildOwnershipIndex({ entities: [ownerless] });
    const answer = resolveOwnership({ kind: 'entity', text: 'loose', ref: null, name: 'loose' }, index);
    expect(answer).toMatchObject({
      owned: false,
      owners: [],
      explanation: 'component:default/loose declares no owner.',
    });
    expect(answer.decidedBy).toMatchObject({ file: 'loose.yaml', line: 4 });
  });
});

describe('who owns a file', () => {
  it('answers from the CODEOWNERS line that matches last, mapping owners onto the catalog', () => {
    const answer = shop.ask('path:services/checkout/main.go');
    expect(answer).toMatchObject({ kind: 'path', owned: true });
    expect(answer.owners).toEqual([
      {
        ref: 'group:default/payments',
        role: 'codeowner',
        name: 'Payments Team',
        codeowner: '@shop/payments',
      },
      { ref: 'user:default/alice-smith', role: 'codeowner', codeowner: '@alice' },
    ]);
    expect(answer.decidedBy).toEqual({
      source: 'codeowners',
      file: shop.repo.codeownersFile,
      line: 2,
      rule: '/services/checkout/',
      entity: null,
      mapped: [
        {
          from: '@shop/payments',
          to: 'group:default/payments',
          by: expect.stringContaining('Group named payments'),
        },
        {
          from: '@alice',
          to: 'user:default/alice-smith',
          by: expect.stringContaining('github.com/user-login'),
        },
      ],
    });
    // The catalog also covers the file, and loses to CODEOWNERS.
    expect(answer.candidates?.[0]).toMatchObject({
      decidedBy: { entity: 'component:default/checkout', source: 'annotation' },
    });
  });

  it('maps team slugs and emails, and keeps an owner the catalog lacks with a null ref', () => {
    expect(shop.ask('services/search/legacy/a.go').owners).toEqual([
      { ref: 'group:default/search-team', role: 'codeowner', codeowner: '@shop/search' },
    ]);
    expect(shop.ask('docs/guide.md').owners).toEqual([
      { ref: 'group:default/docs-team', role: 'codeowner', codeowner: 'docs@shop.example' },
    ]);
    const ghost = shop.ask('services/search/index.go');
    expect(ghost).toMatchObject({
      owned: true,
      owners: [{ ref: null, role: 'codeowner', codeowner: '@shop/ghosts' }],
    });
    expect(ghost.decidedBy?.mapped).toEqual([
      { from: '@shop/ghosts', to: null, by: 'no Group or User matches' },
    ]);
  });

  it('says a file is explicitly unowned when its last matching line names no owners', () => {
    const answer = shop.ask('services/checkout/vendor/lib.go');
    expect(answer).toMatchObject({
      owned: false,
      owners: [],
      decidedBy: { source: 'codeowners', line: 3, rule: '/services/checkout/vendor/' },
    });
    expect(answer.explanation).toContain('explicitly unowned');
  });

  it('falls back to the entity whose repository and path cover the file, the longest winning', () => {
    const cart = shop.ask('services/cart/cart.go');
    expect(cart).toMatchObject({
      owned: true,
      owners: [payments, { ref: 'group:default/storefront', role: 'secondary' }],
    });
    expect(cart.decidedBy).toEqual({
      source: 'entity',
      file: components,
      line: 3,
      column: 1,
      rule: 'spec.repository: https://github.com/shop/monorepo, spec.path: services/cart',
      entity: 'service:default/cart',
    });
    expect(cart.explanation).toContain('no line of');
    const ui = shop.ask('services/cart/ui/app.ts');
    expect(ui.decidedBy).toMatchObject({
      source: 'annotation',
      line: 28,
      entity: 'component:default/cart-ui',
    });
    expect(ui.candidates?.map((c) => c.decidedBy.entity)).toEqual([
      'service:default/cart',
      'component:default/tooling',
    ]);
  });

  it('counts a whole-repository slug only for its own repository', () => {
    expect(shop.ask('tools/release.sh').decidedBy).toMatchObject({
      source: 'annotation',
      line: 133,
      rule: 'github.com/project-slug: shop/monorepo',
    });
    const elsewhere = shop.ask('tools/release.sh', { repository: 'github.com/shop/other' });
    expect(elsewhere).toMatchObject({ owned: false, decidedBy: null });
    expect(elsewhere.explanation).toBe(
      "No CODEOWNERS file is known for github.com/shop/other, and no catalog entity's repository and path cover it.",
    );
  });

  it('without a known repository, uses the only CODEOWNERS and paths inside a repository, not whole-repository slugs', async () => {
    const unknown = await loadShop({ repository: null });
    expect(unknown.ask('services/checkout/main.go').decidedBy).toMatchObject({
      source: 'codeowners',
      line: 2,
    });
    expect(unknown.ask('services/cart/cart.go').decidedBy).toMatchObject({ entity: 'service:default/cart' });
    const tools = unknown.ask('tools/release.sh');
    expect(tools).toMatchObject({ owned: false, decidedBy: null });
    expect(tools.explanation).toContain('the repository is not known');
  });

  it('unites the owners of every matching GitLab section', async () => {
    const text = '[Backend]\n/services/ @shop/payments\n\n[Docs][2]\n*.md @shop/search\n';
    const gitlab = await loadShop({ text, flavor: 'gitlab' });
    const answer = gitlab.ask('services/readme.md');
    expect(answer.owners.map((o) => o.codeowner)).toEqual(['@shop/payments', '@shop/search']);
    expect(answer.decidedBy).toMatchObject({ line: 5, rule: '*.md' });
    expect(answer.explanation).toContain('[Backend] line 2 and [Docs] line 5');
  });
});
