// A small shop's catalog and CODEOWNERS, written to a temp directory for the who-owns tests. Tests
// assert line numbers counted by hand in these texts: edit them only by appending.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../../catalog/index.ts';
import type { WhoOwnsAnswer } from '../schemas.ts';
import { buildOwnershipIndex, type CodeownersSource, type OwnershipIndex } from './ownership-index.ts';
import { type ResolveContext, resolveOwnership } from './resolve.ts';
import { parseThing } from './thing.ts';

export const codeownersText = `# Shop monorepo
/services/checkout/          @shop/payments @alice
/services/checkout/vendor/
/services/search/            @shop/ghosts
docs/*.md                    docs@shop.example
/services/search/legacy/     @shop/search
`;

export const orgYaml = `---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
spec:
  type: team
  profile:
    displayName: Payments Team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: storefront
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: search-team
  annotations:
    github.com/team-slug: shop/search
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: docs-team
spec:
  type: team
  profile:
    email: docs@shop.example
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: platform
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: alice-smith
  annotations:
    github.com/user-login: alice
spec:
  memberOf: [payments]
`;

export const componentsYaml = `# Shop's software
---
apiVersion: steward.dev/v1
kind: Service
metadata:
  name: cart
spec:
  lifecycle: production
  tier: 2
  owners:
    - ref: group:storefront
      role: secondary
    - ref: group:payments
      role: primary
  repository: https://github.com/shop/monorepo
  path: services/cart
  selectors:
    kubernetes:
      namespace: shop
      labels:
        app: cart
    alerts:
      matchers: [service=cart]
    urls:
      hosts: [shop.example]
      pathPrefixes: [/cart]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cart-ui
  annotations:
    backstage.io/source-location: url:https://github.com/shop/monorepo/tree/main/services/cart/ui/
    backstage.io/kubernetes-label-selector: app=cart,tier in (frontend,edge)
    backstage.io/kubernetes-namespace: shop
spec:
  type: website
  lifecycle: production
  owner: group:storefront
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations:
    backstage.io/kubernetes-id: checkout
    backstage.io/source-location: url:https://github.com/shop/monorepo/tree/main/services/checkout/
spec:
  type: service
  lifecycle: production
  owner: payments
---
apiVersion: steward.dev/v1
kind: Service
metadata:
  name: checkout-worker
spec:
  lifecycle: production
  tier: 3
  owners:
    - ref: group:search-team
      role: primary
  selectors:
    kubernetes:
      labels:
        backstage.io/kubernetes-id: checkout
---
apiVersion: steward.dev/v1
kind: Service
metadata:
  name: payments-api
spec:
  lifecycle: production
  tier: 1
  owners:
    - ref: group:payments
      role: primary
  selectors:
    alerts:
      matchers: ['service=~"pay.*"', severity!=info, 'env!~"dev|test"']
    urls:
      hosts: [api.shop.example, '*.shop.example']
      pathPrefixes: [/pay, /payments/v2]
---
apiVersion: steward.dev/v1
kind: Component
metadata:
  name: edge
spec:
  type: proxy
  lifecycle: production
  owners:
    - ref: group:storefront
      role: primary
  selectors:
    alerts:
      matchers: [team=edge]
    urls:
      hosts: ['*.shop.example']
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orphan
spec:
  type: service
  lifecycle: experimental
  owner: group:ghosts
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: checkout
spec:
  type: database
  owner: group:storefront
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: search
spec:
  type: search-index
  owner: group:search-team
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: search
spec:
  owner: group:storefront
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: tooling
  annotations:
    github.com/project-slug: shop/monorepo
spec:
  type: library
  lifecycle: production
  owner: group:platform
---
apiVersion: steward.dev/v1
kind: Component
metadata:
  name: edge-canary
spec:
  type: proxy
  lifecycle: experimental
  owners:
    - ref: group:storefront
      role: primary
  selectors:
    alerts:
      matchers: [team=edge]
`;

export interface ShopRepo {
  dir: string;
  catalogDir: string;
  componentsFile: string;
  orgFile: string;
  codeownersFile: string;
}

/** A checkout of github.com/shop/monorepo: .git/config with its origin, .github/CODEOWNERS, catalog/. */
export function writeShopRepo(): ShopRepo {
  const dir = mkdtempSync(join(tmpdir(), 'steward-who-owns-'));
  const catalogDir = join(dir, 'catalog');
  mkdirSync(catalogDir);
  mkdirSync(join(dir, '.github'));
  mkdirSync(join(dir, '.git'));
  const componentsFile = join(catalogDir, 'components.yaml');
  const orgFile = join(catalogDir, 'org.yaml');
  const codeownersFile = join(dir, '.github', 'CODEOWNERS');
  writeFileSync(componentsFile, componentsYaml);
  writeFileSync(orgFile, orgYaml);
  writeFileSync(codeownersFile, codeownersText);
  // GitHub reads .github/CODEOWNERS before the root one: this one must never answer.
  writeFileSync(join(dir, 'CODEOWNERS'), '* @shop/decoy\n');
  writeFileSync(
    join(dir, '.git', 'config'),
    '[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://github.com/other/fork.git\n[remote "origin"]\n\turl = git@github.com:Shop/monorepo.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n',
  );
  return { dir, catalogDir, componentsFile, orgFile, codeownersFile };
}

export interface Shop {
  repo: ShopRepo;
  index: OwnershipIndex;
  /** Parses (failing the test on a bad thing) and resolves. */
  ask(text: string, context?: ResolveContext): WhoOwnsAnswer;
}

/** The shop's catalog loaded as the CLI loads it, with its CODEOWNERS for github.com/shop/monorepo. */
export async function loadShop(codeowners?: Partial<CodeownersSource>): Promise<Shop> {
  const repo = writeShopRepo();
  const catalog = await loadCatalog([repo.catalogDir]);
  if (catalog.errors.length > 0)
    throw new Error(`fixture catalog has errors: ${JSON.stringify(catalog.errors)}`);
  const source: CodeownersSource = {
    repository: 'https://github.com/Shop/monorepo.git',
    file: repo.codeownersFile,
    text: codeownersText,
    ...codeowners,
  };
  const index = buildOwnershipIndex({ entities: catalog.entities, codeowners: [source] });
  const ask = (text: string, context?: ResolveContext) => {
    const parsed = parseThing(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return resolveOwnership(parsed.thing, index, context);
  };
  return { repo, index, ask };
}
