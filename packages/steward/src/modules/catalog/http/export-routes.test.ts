import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  type Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { demoDir } from '../../../server/demo.ts';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../../server/test-steward.ts';
import { validateCatalog } from '../engine/validate-catalog.ts';
import { paymentsFiles } from '../fixture.test-support.ts';
import { collectUpload } from '../sources/collect-upload.ts';

const monorepo = resolve(import.meta.dirname, '../test-fixtures/plugin-monorepo');
const backstagePolicies = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);
const kindValidators = [
  componentEntityV1alpha1Validator,
  apiEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
];

const documents = (text: string) => parseAllDocuments(text).map((d) => d.toJS());

describeEachEngine('catalog export', ({ db }) => {
  let steward: TestSteward;
  let sourceId: string;
  beforeAll(async () => {
    steward = await startTestSteward(db());
    const files = Object.entries(paymentsFiles).map(([path, content]) => ({ path, content }));
    const upload = await steward.call('POST', '/api/v1/catalog/sources', {
      token: steward.adminToken,
      body: { kind: 'upload', name: 'payments', files },
    });
    expect((await steward.jobOf(upload)).state).toBe('succeeded');
    sourceId = upload.json().source.id;
  });
  afterAll(async () => {
    await steward?.close();
  });

  it('gives back every entity exactly as it was written, in ref order', async () => {
    const response = await steward.call('GET', `/api/v1/catalog/export?source=${sourceId}`, {
      token: steward.adminToken,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/yaml');
    const written = Object.values(paymentsFiles).flatMap(documents);
    const ref = (e: { kind: string; metadata: { name: string } }) =>
      `${e.kind.toLowerCase()}:default/${e.metadata.name}`;
    const expected = [...written].sort((a, b) => ref(a).localeCompare(ref(b)));
    expect(documents(response.body)).toEqual(expected);
  });

  it('filters by kind', async () => {
    const response = await steward.call('GET', `/api/v1/catalog/export?source=${sourceId}&kind=Group`, {
      token: steward.adminToken,
    });
    expect(documents(response.body).map((e) => `${e.kind}/${e.metadata.name}`)).toEqual(['Group/payments']);
  });
});

describeEachEngine('an export validates on its own, in Steward and in Backstage', ({ db }) => {
  let steward: TestSteward;
  const exported = new Map<string, string>();
  beforeAll(async () => {
    steward = await startTestSteward(db());
    for (const [name, dir] of [
      ['acme', demoDir],
      ['monorepo', monorepo],
    ] as const) {
      const { files } = await collectUpload(dir);
      const upload = await steward.call('POST', '/api/v1/catalog/sources', {
        token: steward.adminToken,
        body: { kind: 'upload', name, files },
      });
      expect((await steward.jobOf(upload)).state).toBe('succeeded');
      const response = await steward.call('GET', `/api/v1/catalog/export?source=${upload.json().source.id}`, {
        token: steward.adminToken,
      });
      expect(response.statusCode).toBe(200);
      exported.set(name, response.body);
    }
  });
  afterAll(async () => {
    await steward?.close();
  });

  for (const [name, entities] of [
    ['acme', 124],
    ['monorepo', 14],
  ] as const) {
    it(`${name}: Steward's validator reads it back whole, with no errors and no placeholder left`, async () => {
      const text = exported.get(name) as string;
      const result = validateCatalog([{ file: 'export.yaml', content: text }]);
      expect(result.errors).toEqual([]);
      // The monorepo's root Location keeps its one URL target (reported, as when it was read); the
      // rest of its targets were files, inlined here. Acme's root Location named only files: gone.
      expect(result.warnings.map((w) => w.code)).toEqual(name === 'monorepo' ? ['url-not-read'] : []);
      expect(result.entities).toHaveLength(entities);
      expect(text).not.toMatch(/\$(text|json|yaml):/);
      for (const document of documents(text))
        expect(Object.keys(document)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    });

    it(`${name}: @backstage/catalog-model's policies and kind validators accept every entity`, async () => {
      for (const entity of documents(exported.get(name) as string) as Entity[]) {
        const what = `${entity.kind} ${entity.metadata.name}`;
        await expect(backstagePolicies.enforce(entity), what).resolves.toBeDefined();
        // catalog-model has no validator for scaffolder Templates (the scaffolder's own package does),
        // nor for Steward's own kinds (acme's on-call Schedules and EscalationPolicies, its Scorecard).
        if (entity.kind === 'Template' || entity.apiVersion === 'steward.dev/v1') continue;
        const accepted = await Promise.all(kindValidators.map((v) => v.check(entity).catch(() => false)));
        expect(accepted.includes(true), what).toBe(true);
      }
    });
  }

  it('inlines what placeholders named, and keeps a Location only for its URL targets', () => {
    const monorepoEntities = documents(exported.get('monorepo') as string);
    const todoApi = monorepoEntities.find((e) => e.metadata.name === 'todo-api');
    expect(todoApi?.spec.definition).toBe(readFileSync(`${monorepo}/plugins/todo/openapi.yaml`, 'utf8'));
    expect(monorepoEntities.find((e) => e.kind === 'Location')?.spec).toEqual({
      type: 'url',
      targets: ['https://github.com/backstage/backstage/blob/master/catalog-info.yaml'],
    });
    expect(documents(exported.get('acme') as string).filter((e) => e.kind === 'Location')).toEqual([]);
  });
});
