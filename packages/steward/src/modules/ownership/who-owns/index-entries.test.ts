// An index kept by adding and removing entities holds what a full build of the same catalog holds:
// random edit sequences (groups and users sharing names, slugs and emails; components with every kind
// of claim, some unreadable) applied one by one, compared after each step with a build from scratch,
// and questions answered the same by both.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../platform/seeded-random.ts';
import type { CatalogEntity } from '../../catalog/index.ts';
import { addEntity, removeEntity } from './index-entries.ts';
import { buildOwnershipIndex, type OwnershipIndex } from './ownership-index.ts';
import { resolveOwnership } from './resolve.ts';
import { parseThing } from './thing.ts';

const names = ['payments', 'search', 'edge', 'cart', 'alice', 'bob'];
const namespaces = ['default', 'platform'];

function randomEntity(random: () => number, ref?: string): CatalogEntity {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const kind = ref ? ref.slice(0, ref.indexOf(':')) : pick(['group', 'user', 'component', 'component']);
  const namespace = ref ? ref.slice(ref.indexOf(':') + 1, ref.indexOf('/')) : pick(namespaces);
  const name = ref ? ref.slice(ref.indexOf('/') + 1) : pick(names);
  const Kind = kind === 'group' ? 'Group' : kind === 'user' ? 'User' : 'Component';
  const annotations: Record<string, string> = {};
  const spec: Record<string, unknown> = {};
  if (Kind === 'Group' && random() < 0.5) annotations['github.com/team-slug'] = `acme/${pick(names)}`;
  if (Kind === 'User' && random() < 0.5) annotations['github.com/user-login'] = pick(names);
  if (Kind !== 'Component' && random() < 0.5) spec.profile = { email: `${pick(names)}@acme.test` };
  if (Kind === 'Component') {
    spec.owner = `group:default/${pick(names)}`;
    if (random() < 0.4) spec.selectors = { kubernetes: { labels: { app: pick(names) } } };
    if (random() < 0.3)
      spec.selectors = {
        ...(spec.selectors as object),
        alerts: { matchers: [random() < 0.2 ? 'not a matcher' : `service="${pick(names)}"`] },
      };
    if (random() < 0.3)
      spec.selectors = {
        ...(spec.selectors as object),
        urls: { hosts: random() < 0.5 ? [`${pick(names)}.acme.test`] : [], pathPrefixes: ['/x'] },
      };
    if (random() < 0.4)
      Object.assign(spec, { repository: 'github.com/acme/mono', path: `services/${pick(names)}` });
    if (random() < 0.3) annotations['backstage.io/kubernetes-id'] = pick(names);
    if (random() < 0.2)
      annotations['backstage.io/kubernetes-label-selector'] = random() < 0.3 ? '!!' : `team=${pick(names)}`;
  }
  return {
    ref: `${kind}:${namespace}/${name}`,
    apiVersion: 'backstage.io/v1alpha1',
    kind: Kind,
    namespace,
    name,
    metadata: { name, namespace, annotations },
    spec,
    owners:
      Kind === 'Component'
        ? [{ ref: spec.owner as string, role: 'primary', position: { file: 'f', line: 1, column: 1 } }]
        : [],
    relations: [],
    source: { file: `${name}.yaml`, line: Math.floor(random() * 50) + 1, column: 1, document: 0 },
  };
}

/** The index as plain data: every map and list, claims by their entity and fields, in their order. */
function contents(index: OwnershipIndex): unknown {
  const plain = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value, (key, v) => {
        if (key === 'entity' && typeof v === 'object') return (v as CatalogEntity).ref;
        if (v instanceof Map) return [...v].sort(([a], [b]) => (a < b ? -1 : 1));
        if (v instanceof Set) return [...v].sort();
        return v;
      }),
    );
  const { codeowners, byRef, byName, componentsByName, version: _version, ...rest } = index;
  // A name of one entity holds the entity itself, of several a list: compared as lists of refs.
  const refs = (map: Map<string, CatalogEntity | CatalogEntity[]>) =>
    [...map]
      .map(([k, held]) => [k, (Array.isArray(held) ? held : [held]).map((e) => e.ref)] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    byRef: [...byRef.keys()].sort(),
    byName: refs(byName),
    componentsByName: refs(componentsByName),
    directory: Object.fromEntries(Object.entries(index.directory).map(([k, m]) => [k, refs(m)])),
    rest: plain({ ...rest, directory: undefined }),
    codeowners: codeowners.length,
  };
}

const questions = [
  'group:default/payments',
  'search',
  'services/edge/main.go',
  'k8s:prod/deployment/cart?app=cart',
  'alert:{service="edge"}',
  'https://alice.acme.test/x/y',
].map((text) => parseThing(text));

describe('an index kept entity by entity', () => {
  it('equals a full build after every step of random edit sequences', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const catalog = new Map<string, CatalogEntity>();
      for (let i = 0; i < 15; i++) {
        const entity = randomEntity(random);
        catalog.set(entity.ref, entity);
      }
      const kept = buildOwnershipIndex({ entities: [...catalog.values()] });
      for (let step = 0; step < 30; step++) {
        const changed: string[] = [];
        for (let n = Math.floor(random() * 3) + 1; n > 0; n--) {
          const refs = [...catalog.keys()];
          const roll = random();
          if (roll < 0.35 && refs.length > 0) {
            const ref = refs[Math.floor(random() * refs.length)] as string;
            catalog.delete(ref);
            changed.push(ref);
          } else if (roll < 0.7 && refs.length > 0) {
            const ref = refs[Math.floor(random() * refs.length)] as string;
            catalog.set(ref, randomEntity(random, ref));
            changed.push(ref);
          } else {
            const entity = randomEntity(random);
            catalog.set(entity.ref, entity);
            changed.push(entity.ref);
          }
        }
        for (const ref of changed) removeEntity(kept, ref);
        for (const ref of new Set(changed)) {
          const entity = catalog.get(ref);
          if (entity) addEntity(kept, entity);
        }
        const full = buildOwnershipIndex({ entities: [...catalog.values()] });
        expect(contents(kept), `seed ${seed}, step ${step}`).toEqual(contents(full));
        for (const thing of questions) {
          if (!thing.ok) throw new Error(thing.message);
          expect(resolveOwnership(thing.thing, kept, {})).toEqual(resolveOwnership(thing.thing, full, {}));
        }
      }
    }
  });
});
