// The set as a whole: duplicates across files, dangling refs, relations and their inverses from the
// kinds' data, Steward's owners, and the organisation's rules.
import { describe, expect, it } from 'vitest';
import type { CatalogEntity, CatalogOptions, KindDefinition } from './model.ts';
import { type CatalogSource, type CatalogValidation, validateCatalog } from './validate-catalog.ts';

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const doc = (apiVersion: string, kind: string, name: string, ...spec: string[]) =>
  lines(`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', `  name: ${name}`, 'spec:', ...spec);
const backstage = (kind: string, name: string, ...spec: string[]) =>
  doc('backstage.io/v1alpha1', kind, name, ...spec);
const group = (name: string, ...spec: string[]) =>
  backstage('Group', name, '  type: team', ...spec, '  children: []');

function run(files: Record<string, string>, options?: CatalogOptions): CatalogValidation {
  const sources: CatalogSource[] = Object.entries(files).map(([file, content]) => ({
    file,
    root: '.',
    content,
  }));
  return validateCatalog(sources, options);
}
const found = (result: CatalogValidation) =>
  [...result.errors, ...result.warnings].map(
    (p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code}`,
  );
const entity = (result: CatalogValidation, ref: string) =>
  result.entities.find((e) => e.ref === ref) as CatalogEntity;
const relations = (e: CatalogEntity) => e.relations.map((r) => `${r.type} ${r.targetRef} ${r.origin}`).sort();

describe('multi-document files', () => {
  it('reads every document, skipping empty ones, numbering documents from 0', () => {
    const text = `---\n${group('a')}---\n# nothing here\n---\n${group('b')}`;
    const result = run({ 'org.yaml': text });
    expect(found(result)).toEqual([]);
    expect(result.entityCount).toBe(2);
    expect(entity(result, 'group:default/b').source).toEqual({
      file: 'org.yaml',
      line: 12,
      column: 1,
      document: 2,
    });
  });
});

describe('duplicate entities', () => {
  it('are errors at the second occurrence’s name, naming the first; names compare ignoring case', () => {
    const result = run({
      'a.yaml': group('payments'),
      'b.yaml': `${group('other')}---\n${group('Payments')}`,
    });
    expect(found(result)).toEqual(['b.yaml:12:9 error duplicate-entity']);
    expect(result.errors[0]).toMatchObject({
      entity: 'group:default/payments',
      message:
        'group:default/payments is already defined at a.yaml:4:9; kind, namespace and name together must be unique (compared ignoring case)',
    });
    expect(result.entities.map((e) => e.ref).sort()).toEqual([
      'group:default/other',
      'group:default/payments',
    ]);
    expect(result.entityCount).toBe(3);
  });

  it('differ by namespace or kind', () => {
    const ns = group('payments').replace('  name: payments', '  name: payments\n  namespace: eu');
    expect(found(run({ 'a.yaml': group('payments'), 'b.yaml': ns }))).toEqual([]);
  });
});

describe('relations', () => {
  const catalog = {
    'org.yaml': [
      group('acme', '  children: [payments]').replace('  children: []\n', ''),
      group('payments', '  parent: acme'),
      backstage('User', 'alice', '  memberOf: [payments]'),
    ].join('---\n'),
    'systems.yaml': [
      backstage('Domain', 'commerce', '  owner: payments'),
      backstage('System', 'checkout', '  owner: payments', '  domain: commerce'),
    ].join('---\n'),
    'api.yaml': backstage(
      'API',
      'pay-api',
      '  type: openapi',
      '  lifecycle: production',
      '  owner: payments',
      '  definition: x',
    ),
    'svc.yaml': [
      backstage(
        'Component',
        'pay',
        '  type: service',
        '  lifecycle: production',
        '  owner: user:alice',
        '  system: checkout',
        '  providesApis: [pay-api]',
        '  dependsOn: [resource:pay-db]',
      ),
      backstage('Resource', 'pay-db', '  type: database', '  owner: payments'),
    ].join('---\n'),
  };

  it('are declared by the kinds’ relation fields, and their inverses computed on the targets', () => {
    const result = run(catalog);
    expect(found(result)).toEqual([]);
    expect(relations(entity(result, 'component:default/pay'))).toEqual([
      'dependsOn resource:default/pay-db declared',
      'ownedBy user:default/alice declared',
      'partOf system:default/checkout declared',
      'providesApi api:default/pay-api declared',
    ]);
    expect(relations(entity(result, 'user:default/alice'))).toEqual([
      'memberOf group:default/payments declared',
      'ownerOf component:default/pay inverse',
    ]);
    expect(relations(entity(result, 'group:default/payments'))).toEqual([
      'childOf group:default/acme declared',
      'hasMember user:default/alice inverse',
      'ownerOf api:default/pay-api inverse',
      'ownerOf domain:default/commerce inverse',
      'ownerOf resource:default/pay-db inverse',
      'ownerOf system:default/checkout inverse',
    ]);
    // acme declares its child and payments its parent: one relation each way, the declared one kept.
    expect(relations(entity(result, 'group:default/acme'))).toEqual([
      'parentOf group:default/payments declared',
    ]);
    expect(relations(entity(result, 'api:default/pay-api'))).toEqual([
      'apiProvidedBy component:default/pay inverse',
      'ownedBy group:default/payments declared',
    ]);
    expect(relations(entity(result, 'domain:default/commerce'))).toContain(
      'hasPart system:default/checkout inverse',
    );
    expect(relations(entity(result, 'resource:default/pay-db'))).toContain(
      'dependencyOf component:default/pay inverse',
    );
  });

  it('an inverse points at where the relation was written', () => {
    const alice = entity(run(catalog), 'user:default/alice');
    expect(alice.relations.find((r) => r.type === 'ownerOf')?.position).toEqual({
      file: 'svc.yaml',
      line: 8,
      column: 10,
    });
  });

  it('refs take the referring entity’s namespace by default', () => {
    const inEu = backstage(
      'Component',
      'pay',
      '  type: service',
      '  lifecycle: production',
      '  owner: payments',
    ).replace('  name: pay', '  name: pay\n  namespace: eu');
    const result = run({ 'a.yaml': inEu });
    expect(result.warnings[0]?.message).toContain('refers to group:eu/payments');
  });

  it('a new kind is data only: its relation fields and their inverses need no code', () => {
    const pipeline: KindDefinition = {
      apiVersions: ['acme.com/v1'],
      kind: 'Pipeline',
      description: 'A delivery pipeline.',
      spec: {
        type: 'object',
        required: ['deploys'],
        properties: { deploys: { type: 'array', items: { type: 'string' } } },
      },
      relations: [
        { path: 'spec.deploys', relation: 'deploys', inverse: 'deployedBy', defaultKind: 'Component' },
      ],
    };
    const files = {
      'p.yaml': doc('acme.com/v1', 'Pipeline', 'release', '  deploys: [web]'),
      'w.yaml': backstage(
        'Component',
        'web',
        '  type: website',
        '  lifecycle: production',
        '  owner: user:x',
      ),
    };
    const result = run(files, { kinds: [pipeline] });
    expect(relations(entity(result, 'component:default/web'))).toContain(
      'deployedBy pipeline:default/release inverse',
    );
    expect(relations(entity(result, 'pipeline:default/release'))).toEqual([
      'deploys component:default/web declared',
    ]);
    expect(found(run(files))).toContain('p.yaml:2:7 error unknown-kind');
  });
});

describe('Steward kinds', () => {
  const service = (...spec: string[]) => doc('steward.dev/v1', 'Service', 'payments-api', ...spec);
  const owners = (...roles: string[]) => [
    '  owners:',
    ...roles.flatMap((role, i) => [`    - ref: group:team-${i}`, `      role: ${role}`]),
  ];
  const teams = { 'org.yaml': [group('team-0'), group('team-1'), group('team-2')].join('---\n') };

  it('a complete service: owners with roles, tier, links, repository path and selectors', () => {
    const text = service(
      '  lifecycle: production',
      '  tier: 1',
      ...owners('primary', 'secondary'),
      '  runbook: https://wiki.acme.com/runbooks/payments',
      '  dashboard: https://grafana.acme.com/d/payments',
      '  repository: https://github.com/acme/payments',
      '  path: services/payments',
      '  selectors:',
      '    kubernetes:',
      '      namespace: payments',
      '      labels:',
      '        app.kubernetes.io/name: payments-api',
      '    alerts:',
      '      matchers: [service=payments-api, \'team=~"pay.*"\']',
      '    urls:',
      '      hosts: [pay.acme.com, "*.pay.acme.com"]',
      '      pathPrefixes: [/api/payments]',
    );
    const result = run({ ...teams, 's.yaml': text });
    expect(found(result)).toEqual([]);
    expect(entity(result, 'service:default/payments-api').owners).toEqual([
      { ref: 'group:default/team-0', role: 'primary', position: { file: 's.yaml', line: 9, column: 12 } },
      { ref: 'group:default/team-1', role: 'secondary', position: { file: 's.yaml', line: 11, column: 12 } },
    ]);
  });

  it('exactly one primary owner: a second primary is pointed at, and none at all is too', () => {
    const two = run({
      ...teams,
      's.yaml': service('  lifecycle: production', '  tier: 2', ...owners('primary', 'secondary', 'primary')),
    });
    expect(found(two)).toEqual(['s.yaml:14:13 error invalid-owners']);
    expect(two.errors[0]?.message).toBe(
      'spec.owners has more than one primary owner (the first is on line 10): give exactly one owner role: primary, the others role: secondary',
    );
    const none = run({
      ...teams,
      's.yaml': service('  lifecycle: production', '  tier: 2', ...owners('secondary')),
    });
    expect(found(none)).toEqual(['s.yaml:8:3 error invalid-owners']);
  });

  it('Backstage’s single spec.owner maps onto the same model, as the primary owner', () => {
    const result = run({
      ...teams,
      'c.yaml': backstage(
        'Component',
        'web',
        '  type: website',
        '  lifecycle: production',
        '  owner: team-1',
      ),
    });
    expect(entity(result, 'component:default/web').owners).toEqual([
      { ref: 'group:default/team-1', role: 'primary', position: { file: 'c.yaml', line: 8, column: 10 } },
    ]);
  });

  it('checks each first-class field where it is written', () => {
    const text = service(
      '  lifecycle: production',
      '  tier: 0',
      ...owners('primary'),
      '  runbook: wiki/payments',
      '  selectors:',
      '    alerts:',
      '      matchers: ["service=~(unclosed"]',
      '    urls:',
      '      hosts: [Pay.Acme.com]',
      '    kubrnetes: {}',
      '  path: ../elsewhere',
    );
    expect(found(run({ ...teams, 's.yaml': text }))).toEqual([
      's.yaml:7:9 error invalid-value',
      's.yaml:11:12 error invalid-value',
      's.yaml:14:18 error invalid-value',
      's.yaml:16:15 error invalid-value',
      's.yaml:17:5 error unknown-field',
      's.yaml:18:9 error invalid-value',
    ]);
  });

  it('requires its fields: a missing tier is reported at the spec mapping', () => {
    const result = run({ ...teams, 's.yaml': service('  lifecycle: production', ...owners('primary')) });
    expect(found(result)).toEqual(['s.yaml:6:3 error missing-field']);
    expect(result.errors[0]?.message).toBe(
      'spec is missing the required field "tier": a whole number from 1 to 4',
    );
  });
});

describe('organisation rules', () => {
  const rules: CatalogOptions['rules'] = {
    requiredAnnotations: { keys: ['pagerduty.com/service-id'], kinds: ['Component'], severity: 'error' },
    allowedLifecycles: { values: ['production', 'experimental', 'deprecated'], severity: 'warning' },
    ownerMustBeGroup: { severity: 'error' },
  };
  const web = backstage('Component', 'web', '  type: website', '  lifecycle: beta', '  owner: user:alice');
  const org = { 'org.yaml': backstage('User', 'alice', '  memberOf: []') };

  it('report at the configured severity, where the problem is', () => {
    const result = run({ ...org, 'web.yaml': web }, { rules });
    expect(found(result)).toEqual([
      'web.yaml:4:3 error missing-annotation',
      'web.yaml:8:10 error owner-not-group',
      'web.yaml:7:14 warning disallowed-lifecycle',
    ]);
    expect(result.warnings[0]?.message).toBe(
      'spec.lifecycle must be one of production, experimental, deprecated (an organisation rule); found "beta"',
    );
  });

  it('a missing annotation points at the annotations mapping when there is one', () => {
    const annotated = web.replace(
      '  name: web',
      '  name: web\n  annotations:\n    github.com/project-slug: acme/web',
    );
    expect(found(run({ ...org, 'web.yaml': annotated }, { rules }))[0]).toBe(
      'web.yaml:6:5 error missing-annotation',
    );
  });

  it('are off unless configured', () => {
    expect(found(run({ ...org, 'web.yaml': web }))).toEqual([]);
  });
});
