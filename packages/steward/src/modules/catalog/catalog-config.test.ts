import { describe, expect, it } from 'vitest';
import { StewardError } from '../../platform/errors.ts';
import { parseCatalogConfig } from './catalog-config.ts';
import { validateCatalog } from './engine/validate-catalog.ts';

const component = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: shop',
  'spec:',
  '  type: service',
  '  lifecycle: beta',
  '  owner: user:ann',
  '',
].join('\n');

describe('catalog configuration', () => {
  it('turns its rules on, with the severity chosen for each', () => {
    const options = parseCatalogConfig(
      'rules.yaml',
      [
        'rules:',
        '  requiredAnnotations: { severity: error, keys: [github.com/project-slug], kinds: [Component] }',
        '  allowedLifecycles: { severity: warning, values: [experimental, production, deprecated] }',
        '  ownerMustBeGroup: { severity: error }',
      ].join('\n'),
    );
    const result = validateCatalog([{ file: 'c.yaml', content: component }], options);
    expect(result.errors.map((e) => e.code).sort()).toEqual(['missing-annotation', 'owner-not-group']);
    expect(result.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['disallowed-lifecycle']));
  });

  it('adds kinds declared as data', () => {
    const options = parseCatalogConfig(
      'kinds.yaml',
      [
        'kinds:',
        '  - apiVersions: [acme.example/v1]',
        '    kind: Pipeline',
        '    spec: { type: object, required: [owner], properties: { owner: { type: string } } }',
        '    relations: [{ path: spec.owner, relation: ownedBy, inverse: ownerOf, defaultKind: Group }]',
        '    owners: spec.owner',
      ].join('\n'),
    );
    const pipeline =
      'apiVersion: acme.example/v1\nkind: Pipeline\nmetadata:\n  name: nightly\nspec:\n  owner: data\n';
    const result = validateCatalog([{ file: 'p.yaml', content: pipeline }], options);
    expect(result.errors).toEqual([]);
    expect(result.entities[0]?.owners.map((o) => o.ref)).toEqual(['group:default/data']);
  });

  it('names the file, line and column of a wrong value, and every unknown key', () => {
    const text = 'rules:\n  allowedLifecycles: { severity: fatal, values: [production] }\n  colour: blue\n';
    let error: unknown;
    try {
      parseCatalogConfig('rules.yaml', text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StewardError);
    const message = (error as Error).message;
    // `fatal` starts at line 2, column 34; the rules mapping at line 2, column 3.
    expect(message).toContain('rules.yaml:2:34 rules.allowedLifecycles.severity: must be error or warning');
    expect(message).toMatch(/rules\.yaml:2:3 rules: .*unknown "colour"/);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(() => parseCatalogConfig('rules.yaml', 'rules: [unclosed\n')).toThrow(/^rules\.yaml:\d+:\d+: /);
  });
});
