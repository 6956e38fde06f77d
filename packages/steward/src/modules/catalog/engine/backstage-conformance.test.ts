// Real-world-shaped entities, each accepted by Steward exactly when Backstage accepts it, with the
// relations Backstage's catalog would record. The oracle is @backstage/catalog-model: the catalog
// backend's policies, the built-in kind validators, and the refs its BuiltinKindsEntityProcessor
// reads (parseEntityRef with each field's default kind; a throw fails the entity).
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  type Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateCatalog } from './validate-catalog.ts';

const policies = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
const validators = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
];

/** The relation fields BuiltinKindsEntityProcessor.postProcessEntity reads: field, relation, default kind. */
const emitted: Record<string, Array<[string, string, string | undefined]>> = {
  Component: [
    ['owner', 'ownedBy', 'Group'],
    ['subcomponentOf', 'partOf', 'Component'],
    ['providesApis', 'providesApi', 'API'],
    ['consumesApis', 'consumesApi', 'API'],
    ['dependsOn', 'dependsOn', undefined],
    ['dependencyOf', 'dependencyOf', undefined],
    ['system', 'partOf', 'System'],
  ],
  API: [
    ['owner', 'ownedBy', 'Group'],
    ['system', 'partOf', 'System'],
  ],
  Resource: [
    ['owner', 'ownedBy', 'Group'],
    ['dependsOn', 'dependsOn', undefined],
    ['dependencyOf', 'dependencyOf', undefined],
    ['system', 'partOf', 'System'],
  ],
  User: [['memberOf', 'memberOf', 'Group']],
  Group: [
    ['parent', 'childOf', 'Group'],
    ['children', 'parentOf', 'Group'],
    ['members', 'hasMember', 'User'],
  ],
  System: [
    ['owner', 'ownedBy', 'Group'],
    ['domain', 'partOf', 'Domain'],
  ],
  Domain: [
    ['owner', 'ownedBy', 'Group'],
    ['subdomainOf', 'partOf', 'Domain'],
  ],
};

/** Backstage's verdict: the relations it records (`type target`), or undefined when it rejects the entity. */
async function backstageRelations(document: unknown): Promise<string[] | undefined> {
  try {
    const entity = (await policies.enforce(structuredClone(document) as Entity)) as Entity;
    let known = false;
    for (const validator of validators) known ||= await validator.check(entity);
    if (!known) return undefined;
    const spec = (entity.spec ?? {}) as Record<string, string | string[] | undefined>;
    const relations: string[] = [];
    for (const [field, type, defaultKind] of emitted[entity.kind] ?? []) {
      const targets = spec[field];
      if (!targets) continue;
      for (const target of [targets].flat()) {
        const ref = parseEntityRef(target, {
          defaultKind,
          defaultNamespace: entity.metadata.namespace ?? 'default',
        });
        relations.push(`${type} ${stringifyEntityRef(ref)}`);
      }
    }
    return relations;
  } catch {
    return undefined;
  }
}

const component = (spec: string, metadata = '  name: artist-web') =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n${metadata}\nspec:\n  type: website\n  lifecycle: experimental\n${spec}`;
const entity = (kind: string, name: string, spec: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

const cases: Record<string, string> = {
  // @backstage/create-app's catalog-info.yaml writes an e-mail address as the owner.
  'create-app owner e-mail': component('  owner: john@example.com\n'),
  'display name as system': component('  owner: team-a\n  system: Audio Playback\n'),
  'owner of kind component': component('  owner: component:artist-lookup\n'),
  'owner with kind and namespace in odd case': component('  owner: Group:Default/Team-A\n'),
  'owner with spaces': component('  owner: "user:default/Jane Doe"\n'),
  'colon inside the name': component('  owner: group:ops/a:b\n'),
  'providesApis pointing at a group': component('  owner: team-a\n  providesApis: [group:team-b]\n'),
  'subcomponentOf with an odd namespace': component('  owner: team-a\n  subcomponentOf: My_NS/parent\n'),
  'dependsOn without a kind': component('  owner: team-a\n  dependsOn: [payments-db]\n'),
  'dependsOn with an empty name': component('  owner: team-a\n  dependsOn: ["component:"]\n'),
  'owner with an empty kind': component('  owner: ":team-a"\n'),
  'subcomponentOf with an empty namespace': component('  owner: team-a\n  subcomponentOf: /parent\n'),
  'owner that is a number': component('  owner: 42\n'),
  'missing owner': component(''),
  'name with spaces': component('  owner: team-a\n', '  name: Artist Web'),
  'upper-case namespace': component('  owner: team-a\n', '  name: artist-web\n  namespace: Default'),
  'upper-case tag': component('  owner: team-a\n', '  name: artist-web\n  tags: [Java]'),
  'system as a list': component('  owner: team-a\n  system: [a]\n'),
  'API owned by a display name': entity(
    'API',
    'hello-world',
    '  type: openapi\n  lifecycle: production\n  owner: Platform Team\n  system: Audio Playback\n  definition: "openapi: 3.0.0"\n',
  ),
  'resource depending on a mixed-case ref': entity(
    'Resource',
    'artists-db',
    '  type: database\n  owner: team-a\n  dependsOn: [Resource:Storage/Bucket]\n  dependencyOf: [component:artist-web]\n',
  ),
  'system in a display-named domain': entity(
    'System',
    'audio',
    '  owner: user:jdoe\n  domain: Artists Domain\n',
  ),
  'domain under a display-named domain': entity(
    'Domain',
    'artists',
    '  owner: team-a\n  subdomainOf: Top Level\n',
  ),
  'user in a display-named group': entity('User', 'jdoe', '  memberOf: [Engineering Team, team-a]\n'),
  'group with e-mail members': entity(
    'Group',
    'team-a',
    '  type: team\n  parent: Org Root\n  children: [team b]\n  members: [jane.doe@acme.com]\n',
  ),
  'group with an empty child': entity('Group', 'team-a', '  type: team\n  children: ["group:"]\n'),
};

describe('Steward accepts an entity exactly when Backstage does, with the relations Backstage records', () => {
  it.each(Object.entries(cases))('%s', async (_, text) => {
    const theirs = await backstageRelations(parse(text));
    const result = validateCatalog([{ file: 'catalog-info.yaml', content: text }]);
    const [ours] = result.entities;
    expect(ours !== undefined, JSON.stringify(result.errors)).toBe(theirs !== undefined);
    if (!ours || !theirs) return;
    const declared = ours.relations.filter((r) => r.origin === 'declared');
    expect(declared.map((r) => `${r.type} ${r.targetRef}`).sort()).toEqual([...theirs].sort());
    expect(result.errors).toEqual([]);
  });

  it('the table holds both verdicts (it tests something)', async () => {
    const verdicts = await Promise.all(Object.values(cases).map((t) => backstageRelations(parse(t))));
    expect(verdicts.filter((v) => v === undefined).length).toBe(11);
    expect(verdicts.filter((v) => v !== undefined).length).toBe(14);
  });
});
