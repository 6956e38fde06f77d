// Every problem code on a small fixture, with its line and column counted by hand.
import { describe, expect, it } from 'vitest';
import type { CatalogOptions } from './model.ts';
import { type CatalogValidation, validateCatalog } from './validate-catalog.ts';

const lines = (...text: string[]) => `${text.join('\n')}\n`;

/** The team's group, in a second file, so that owners resolve and only the case's own problems remain. */
const org = lines(
  'apiVersion: backstage.io/v1alpha1',
  'kind: Group',
  'metadata:',
  '  name: storefront',
  'spec:',
  '  type: team',
  '  children: []',
);

function check(content: string | Uint8Array, options: CatalogOptions = {}): CatalogValidation {
  return validateCatalog(
    [
      { file: 'team/catalog-info.yaml', root: 'team', content },
      { file: 'team/org.yaml', root: 'team', content: org },
    ],
    options,
  );
}

function found(result: CatalogValidation): string[] {
  return [...result.errors, ...result.warnings].map((p) => `${p.line}:${p.column} ${p.severity} ${p.code}`);
}

const head = (kind: string, name = 'web-shop') => [
  'apiVersion: backstage.io/v1alpha1',
  `kind: ${kind}`,
  'metadata:',
  `  name: ${name}`,
];
const component = (...spec: string[]) =>
  lines(...head('Component'), 'spec:', '  type: website', '  lifecycle: production', ...spec);

describe('a valid Backstage entity', () => {
  it('has no problems, and keeps its plain metadata and spec with the namespace defaulted', () => {
    const result = check(component('  owner: storefront'));
    expect(found(result)).toEqual([]);
    expect(result.entityCount).toBe(2);
    const entity = result.entities.find((e) => e.kind === 'Component');
    expect(entity).toMatchObject({
      ref: 'component:default/web-shop',
      apiVersion: 'backstage.io/v1alpha1',
      namespace: 'default',
      name: 'web-shop',
      metadata: { name: 'web-shop', namespace: 'default' },
      spec: { type: 'website', lifecycle: 'production', owner: 'storefront' },
      owners: [{ ref: 'group:default/storefront', role: 'primary', position: { line: 8, column: 10 } }],
      source: { file: 'team/catalog-info.yaml', line: 1, column: 1, document: 0 },
    });
  });
});

describe('schema problems point at the value, the unknown key, or the mapping missing a key', () => {
  it('missing-field: at the start of the mapping the field is missing from', () => {
    const result = check(component());
    expect(found(result)).toEqual(['6:3 error missing-field']);
    expect(result.errors[0]?.message).toBe('spec is missing the required field "owner": a non-empty string');
    expect(result.errors[0]?.entity).toBe('component:default/web-shop');
  });

  it('missing-field at the root: the document start, with no entity ref when metadata is missing', () => {
    const result = check(
      lines('apiVersion: backstage.io/v1alpha1', 'kind: Group', 'spec:', '  type: team', '  children: []'),
    );
    expect(found(result)).toEqual(['1:1 error missing-field']);
    expect(result.errors[0]).toMatchObject({ entity: null, file: 'team/catalog-info.yaml' });
  });

  it('unknown-field: at the key; relations and status are computed, never written', () => {
    const result = check(component('  owner: storefront', 'relations: []'));
    expect(found(result)).toEqual(['9:1 error unknown-field']);
    expect(result.errors[0]?.message).toBe(
      'relations is not a known field; an entity may have: apiVersion, kind, metadata, spec',
    );
  });

  it('invalid-type: at the value', () => {
    const result = check(
      lines(...head('Component'), 'spec:', '  type: website', '  lifecycle: 3', '  owner: storefront'),
    );
    expect(found(result)).toEqual(['7:14 error invalid-type']);
    expect(result.errors[0]?.message).toBe('spec.lifecycle must be a non-empty string; found 3');
  });

  it('invalid-value: at the value, saying what is allowed', () => {
    const result = check(lines(...head('Location', 'more'), 'spec:', '  presence: maybe'));
    expect(found(result)).toEqual(['6:13 error invalid-value']);
    expect(result.errors[0]?.message).toBe('spec.presence must be one of required, optional; found "maybe"');
  });

  it('invalid-document: a document that is not a mapping', () => {
    expect(found(check(lines('- a', '- b')))).toEqual(['1:1 error invalid-document']);
    expect(found(check(lines('# a comment', 'just text')))).toEqual(['2:1 error invalid-document']);
  });
});

describe('envelope and metadata, with Backstage’s rules', () => {
  it('invalid-api-version: malformed, or not one the kind is read with', () => {
    const wrong = component('  owner: storefront').replace('backstage.io/v1alpha1', 'backstage.io/v2');
    expect(found(check(wrong))).toEqual(['1:13 error invalid-api-version']);
    expect(check(wrong).errors[0]?.message).toBe(
      'Component is read with apiVersion backstage.io/v1alpha1, backstage.io/v1beta1, steward.dev/v1; found "backstage.io/v2"',
    );
    const malformed = component('  owner: storefront').replace('backstage.io/v1alpha1', 'backstage.io/v1/x');
    expect(found(check(malformed))).toEqual(['1:13 error invalid-api-version']);
  });

  it('invalid-kind and unknown-kind: at the kind', () => {
    expect(found(check(component('  owner: storefront').replace('kind: Component', 'kind: 9Lives')))).toEqual(
      ['2:7 error invalid-kind'],
    );
    const widget = check(component('  owner: storefront').replace('kind: Component', 'kind: Widget'));
    expect(found(widget)).toEqual(['2:7 error unknown-kind']);
    expect(widget.errors[0]?.message).toContain(
      'kind "Widget" is not known; the known kinds are an API, an AiResource, a Component',
    );
    const lower = check(component('  owner: storefront').replace('kind: Component', 'kind: component'));
    expect(lower.errors[0]?.message).toBe(
      'kind "component" is not known; kinds are case-sensitive: did you mean Component?',
    );
  });

  it('unsupported-kind: a Template of an apiVersion the scaffolder no longer reads gets a warning, and is kept', () => {
    const template = lines(
      'apiVersion: scaffolder.backstage.io/v1beta2',
      'kind: Template',
      'metadata:',
      '  name: new-service',
      'spec:',
      '  owner: storefront',
      '  steps: []',
    );
    const result = check(template);
    expect(found(result)).toEqual(['2:7 warning unsupported-kind']);
    expect(result.entities.map((e) => e.ref)).toContain('template:default/new-service');
  });

  it('invalid-name and invalid-namespace: at the value; without a valid name there is no entity ref', () => {
    const badName = check(
      lines(
        ...head('Component', '-web'),
        'spec:',
        '  type: website',
        '  lifecycle: production',
        '  owner: storefront',
      ),
    );
    expect(found(badName)).toEqual(['4:9 error invalid-name']);
    expect(badName.errors[0]).toMatchObject({
      entity: null,
      message:
        'metadata.name must be 1–63 characters: letters and digits, with - _ . between them (e.g. payments-api); found "-web"',
    });
    const namespaced = component('  owner: storefront').replace(
      '  name: web-shop',
      '  name: web-shop\n  namespace: Prod',
    );
    expect(found(check(namespaced))).toEqual(['5:14 error invalid-namespace']);
  });

  it('invalid-label and invalid-annotation: keys at the key, values at the value', () => {
    const labelled = component('  owner: storefront').replace(
      '  name: web-shop',
      lines(
        '  name: web-shop',
        '  labels:',
        '    "bad key": x',
        '    tier: "no good"',
        '  annotations:',
        '    a/b/c: y',
        '    backstage.io/x: 3',
      ).trimEnd(),
    );
    expect(found(check(labelled))).toEqual([
      '6:5 error invalid-label',
      '7:11 error invalid-label',
      '9:5 error invalid-annotation',
      '10:21 error invalid-annotation',
    ]);
  });

  it('invalid-tag: each bad tag at its place, in flow or block lists', () => {
    const flow = component('  owner: storefront').replace(
      '  name: web-shop',
      '  name: web-shop\n  tags: [java, Go]',
    );
    expect(found(check(flow))).toEqual(['5:16 error invalid-tag']);
    const block = component('  owner: storefront').replace(
      '  name: web-shop',
      '  name: web-shop\n  tags:\n    - ok\n    - "a b"',
    );
    expect(found(check(block))).toEqual(['7:7 error invalid-tag']);
  });

  it('invalid-link: a URL that is not one; a link without url misses it', () => {
    const linked = component('  owner: storefront').replace(
      '  name: web-shop',
      '  name: web-shop\n  links:\n    - url: not a url\n    - title: Docs',
    );
    expect(found(check(linked))).toEqual(['6:12 error invalid-link', '7:7 error missing-field']);
  });
});

describe('refs', () => {
  it('invalid-ref: only where Backstage cannot read the ref (no kind and no default, an empty part)', () => {
    const result = check(component('  owner: "group:"', '  dependsOn: [payments-db]'));
    expect(found(result)).toEqual(['8:10 error invalid-ref', '9:15 error invalid-ref']);
    expect(result.errors[0]?.message).toBe(
      'spec.owner: "group:" is not an entity ref: write [kind:][namespace/]name, e.g. group:default/payments',
    );
    expect(result.errors[1]?.message).toBe(
      'spec.dependsOn[0]: "payments-db" must name the kind it points at: write kind:[namespace/]name, e.g. component:payments-db',
    );
    expect(result.entities.map((e) => e.ref)).not.toContain('component:default/web-shop');
  });

  it('resolves refs ignoring the case of kind, namespace and name', () => {
    const result = check(component('  owner: Group:Default/StoreFront'));
    expect(found(result)).toEqual([]);
    const shop = result.entities.find((e) => e.kind === 'Component');
    expect(shop?.owners).toMatchObject([{ ref: 'group:default/storefront', role: 'primary' }]);
    const team = result.entities.find((e) => e.kind === 'Group');
    expect(team?.relations).toContainEqual(
      expect.objectContaining({
        type: 'ownerOf',
        targetRef: 'component:default/web-shop',
        origin: 'inverse',
      }),
    );
  });

  it('nonstandard-ref: an e-mail address as owner is a warning; the entity and its owner are kept', () => {
    const result = check(component('  owner: john@example.com'));
    expect(found(result)).toEqual(['8:10 warning nonstandard-ref']);
    expect(result.warnings[0]?.message).toBe(
      'spec.owner: "john@example.com" is not an entity name (1–63 characters: letters and digits, with - _ . between them (e.g. payments-api)), so it resolves to nothing (it is kept as the ref group:default/john@example.com). Name the entity it means, e.g. user:john',
    );
    const shop = result.entities.find((e) => e.kind === 'Component');
    expect(shop?.owners).toMatchObject([{ ref: 'group:default/john@example.com', role: 'primary' }]);
    expect(shop?.relations).toMatchObject([{ type: 'ownedBy', targetRef: 'group:default/john@example.com' }]);
  });

  it('nonstandard-ref: a display name as system, a name with spaces in a list', () => {
    const result = check(
      component(
        '  owner: storefront',
        '  system: Some System',
        '  dependsOn: ["component:Payments Service"]',
      ),
    );
    expect(found(result)).toEqual(['9:11 warning nonstandard-ref', '10:15 warning nonstandard-ref']);
    expect(result.warnings[0]?.message).toContain('e.g. system:some-system');
    expect(result.warnings[1]?.message).toBe(
      'spec.dependsOn[0]: "component:Payments Service" is not a ref an entity can have: its name "Payments Service" is not an entity name (1–63 characters: letters and digits, with - _ . between them (e.g. payments-api)), so it resolves to nothing (it is kept as the ref component:default/payments service). Name the entity it means, e.g. component:payments-service',
    );
    const shop = result.entities.find((e) => e.kind === 'Component');
    expect(shop?.relations.map((r) => `${r.type} ${r.targetRef}`)).toEqual([
      'ownedBy group:default/storefront',
      'dependsOn component:default/payments service',
      'partOf system:default/some system',
    ]);
  });

  it('unusual-ref-kind: an owner that is a Component is a warning, and the relation is recorded', () => {
    const result = check(component('  owner: component:web', '  providesApis: [group:storefront]'));
    expect(found(result)).toEqual([
      '8:10 warning unusual-ref-kind',
      '8:10 warning dangling-ref',
      '9:18 warning unusual-ref-kind',
    ]);
    expect(result.warnings[0]?.message).toBe(
      'spec.owner: "component:web" points at a component, where a Group or User is expected; the ownedBy relation is recorded as written (Backstage accepts any kind here), but check that the ref means what it says',
    );
    expect(result.warnings[2]?.message).toContain('where an API is expected');
    const shop = result.entities.find((e) => e.kind === 'Component');
    expect(shop?.owners).toMatchObject([{ ref: 'component:default/web', role: 'primary' }]);
    const team = result.entities.find((e) => e.kind === 'Group');
    expect(team?.relations).toContainEqual(
      expect.objectContaining({ type: 'apiProvidedBy', targetRef: 'component:default/web-shop' }),
    );
  });

  it('dangling-ref: a warning at the ref; the entity is still valid', () => {
    const result = check(component('  owner: ghosts'));
    expect(found(result)).toEqual(['8:10 warning dangling-ref']);
    expect(result.warnings[0]?.message).toBe(
      'spec.owner refers to group:default/ghosts, which is not among the entities read; add it, or correct the ref',
    );
    expect(result.entities.map((e) => e.ref)).toContain('component:default/web-shop');
  });

  it('a ref too long to record is a warning, and no relation', () => {
    const result = check(component(`  owner: ${'o'.repeat(3000)}`));
    expect(found(result)).toEqual(['8:10 warning nonstandard-ref']);
    expect(result.warnings[0]?.message).toContain('it is too long to record as a relation');
    expect(result.warnings[0]?.message).not.toContain('o'.repeat(61));
    const shop = result.entities.find((e) => e.kind === 'Component');
    expect(shop?.owners).toEqual([]);
    expect(shop?.relations).toEqual([]);
  });
});

describe('files that cannot be read as YAML', () => {
  it('yaml-syntax: at the parser’s position; the file’s other documents still load', () => {
    const text = `${component('  owner: storefront')}---\n${lines(...head('Component', '@broken'))}---\n${lines(...head('Group', 'other'), 'spec:', '  type: team', '  children: []')}`;
    const result = check(text);
    expect(found(result)).toEqual(['13:9 error yaml-syntax']);
    expect(result.errors[0]?.message).toBe('Plain value cannot start with reserved character @');
    expect(result.entities.map((e) => e.ref).sort()).toEqual([
      'component:default/web-shop',
      'group:default/other',
      'group:default/storefront',
    ]);
  });

  it('duplicate-key: at the second key', () => {
    expect(found(check(component('  owner: storefront', '  type: library')))).toEqual([
      '9:3 error duplicate-key',
    ]);
  });

  it('not-utf8: at the first byte that is not UTF-8', () => {
    const bytes = Buffer.from(component('  owner: storefront').replace('web-shop', 'caf\u00e9'), 'latin1');
    const result = check(bytes);
    expect(found(result)).toEqual(['4:12 error not-utf8']);
    expect(result.errors[0]?.message).toBe(
      'the file is not UTF-8 (byte 0xe9 at offset 71); save it as UTF-8',
    );
  });

  it('file-too-large: at the start, naming the limit', () => {
    const result = check(new Uint8Array(2048), { maxFileBytes: 1024 });
    expect(found(result)).toEqual(['1:1 error file-too-large']);
    expect(result.errors[0]?.message).toBe(
      'the file is 2.0 KiB; catalog files may be at most 1.0 KiB (1024 bytes): split it into several files',
    );
  });
});

describe('references to files', () => {
  it('path-escapes-root: a Location target leaving the directory being read', () => {
    const location = lines(
      ...head('Location', 'more'),
      'spec:',
      '  targets:',
      '    - ./teams.yaml',
      '    - ../../etc/passwd',
    );
    const result = check(location);
    expect(found(result)).toEqual(['8:7 error path-escapes-root']);
    // The root is not named: on a server it is a path under the data directory.
    expect(result.errors[0]?.message).toBe(
      `"../../etc/passwd" points outside the directory being read (the source's root); point at a file inside it, or read the parent directory`,
    );
  });

  it('path-escapes-root: a $text placeholder too; inside the root it is fine', () => {
    const api = lines(
      ...head('API', 'shop-api'),
      'spec:',
      '  type: openapi',
      '  lifecycle: production',
      '  owner: storefront',
      '  definition:',
      '    $text: ../../secrets.txt',
    );
    expect(found(check(api))).toEqual(['10:12 error path-escapes-root']);
    expect(found(check(api.replace('../../secrets.txt', './openapi.yaml')))).toEqual([]);
  });
});
