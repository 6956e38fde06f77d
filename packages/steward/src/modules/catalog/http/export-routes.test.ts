import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../../server/test-steward.ts';
import { paymentsFiles } from '../fixture.test-support.ts';

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
