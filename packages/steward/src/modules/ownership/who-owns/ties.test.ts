// When matches tie, the answer says what tied (each entity with the rule that matched it) and with
// whom the owners differ; a match that only looks alike but ranks lower says why it is weaker.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/index.ts';
import { buildOwnershipIndex, type OwnershipIndex } from './ownership-index.ts';
import { resolveOwnership } from './resolve.ts';
import { parseThing } from './thing.ts';

const component = (name: string, owner: string, spec: string) => `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: ${owner}
${spec}`;

let dir: string;
let index: OwnershipIndex;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'steward-ties-'));
  const repository = 'repository: https://github.com/acme/shop';
  writeFileSync(
    join(dir, 'catalog-info.yaml'),
    [
      component('cart', 'group:a', `  ${repository}\n  path: services/shared\n`),
      component('basket', 'group:b', `  ${repository}\n  path: services/shared\n`),
      component('till', 'group:b', `  ${repository}\n  path: services/till\n`),
      component('register', 'group:b', '  path: services/till\n'),
    ].join(''),
  );
  const { entities } = await loadCatalog([dir]);
  index = buildOwnershipIndex({ entities, defaultRepository: 'github.com/acme/shop' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ask = (text: string) => {
  const parsed = parseThing(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return resolveOwnership(parsed.thing, index);
};

describe('ties', () => {
  it('names what tied and with whom the owners differ', () => {
    const answer = ask('services/shared/x.go');
    expect(answer).toMatchObject({ owned: false, decidedBy: null });
    expect(answer.explanation).toContain(
      '2 entities with different owners match services/shared/x.go equally (component:default/basket by spec.repository: https://github.com/acme/shop, spec.path: services/shared',
    );
    expect(answer.explanation).toContain(
      'give one of them a deeper spec.path, or say the owner in CODEOWNERS',
    );
    expect(answer.candidates?.map((c) => c.reason)).toEqual([
      'spec.path covering services/shared, as strong as that of component:default/cart, which has other owners',
      'spec.path covering services/shared, as strong as that of component:default/basket, which has other owners',
    ]);
  });

  it('says why a match of the same path is weaker: it names no repository', () => {
    const answer = ask('services/till/x.go');
    expect(answer).toMatchObject({ owned: true, decidedBy: { entity: 'component:default/till' } });
    expect(answer.candidates?.map((c) => c.reason)).toEqual([
      'spec.path covering services/till (no repository named), weaker than spec.path covering services/till of component:default/till',
    ]);
  });
});
