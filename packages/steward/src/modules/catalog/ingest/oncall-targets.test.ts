// A schedule's members must exist, but in a server the catalog is every source: a member another
// repository describes counts. One that no source has is an error on the schedule, which is kept and
// settles once a source brings the member (and comes back when that source goes).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../../server/test-steward.ts';

const people = [
  {
    path: 'catalog-info.yaml',
    content:
      'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: alice\nspec:\n  memberOf: []\n',
  },
];
// Line 12, column 17: `alice`, whom another upload describes.
const rota = {
  path: 'catalog-info.yaml',
  content: [
    'apiVersion: steward.dev/v1',
    'kind: Schedule',
    'metadata:',
    '  name: payments-primary',
    'spec:',
    '  owner: user:alice',
    '  timeZone: Europe/Berlin',
    '  layers:',
    '    - name: weekly',
    '      start: "2026-01-05T09:00"',
    '      rotation: P1W',
    '      members: [alice]',
    '',
  ].join('\n'),
};

describeEachEngine('schedule members across sources', ({ db }) => {
  let steward: TestSteward;
  const get = async (url: string) => (await steward.call('GET', url, { token: steward.adminToken })).json();
  const upload = async (name: string, files: (typeof rota)[]) =>
    steward.jobOf(
      await steward.call('POST', '/api/v1/catalog/sources', {
        token: steward.adminToken,
        body: { kind: 'upload', name, files },
      }),
    );
  const missingOfRota = async () => {
    const detail = await get('/api/v1/entities/schedule/default/payments-primary');
    return detail.problems.filter((p: { code: string }) => p.code === 'missing-target');
  };
  const rotaSource = async () =>
    (await get('/api/v1/catalog/sources')).items.find((s: { name: string }) => s.name === 'rota-repo');

  beforeAll(async () => {
    steward = await startTestSteward(db());
  });
  afterAll(() => steward?.close());

  it('a member no source has is a positioned error; the schedule is kept with it', async () => {
    const job = await upload('rota-repo', [rota]);
    expect(job.state).toBe('succeeded');
    expect(job.result.errors).toEqual([
      expect.objectContaining({ code: 'missing-target', line: 12, column: 17, file: 'catalog-info.yaml' }),
    ]);
    expect(await missingOfRota()).toEqual([
      expect.objectContaining({ severity: 'error', line: 12, column: 17 }),
    ]);
    expect(await rotaSource()).toMatchObject({ status: 'errors', counts: { entities: 1, errors: 1 } });
  });

  it('the error goes once another source has the member, on the entity and in the problem list', async () => {
    expect((await upload('people-repo', people)).state).toBe('succeeded');
    expect(await missingOfRota()).toEqual([]);
    const problems = await get('/api/v1/catalog/problems?limit=100');
    expect(problems.items.filter((p: { code: string }) => p.code === 'missing-target')).toEqual([]);
  });

  it('reading the schedule again counts no error, and the source is ok', async () => {
    const job = await upload('rota-repo', [{ ...rota, content: `${rota.content}# again\n` }]);
    expect(job.result.errors).toEqual([]);
    expect(await rotaSource()).toMatchObject({ status: 'ok', counts: { entities: 1, errors: 0 } });
    const detail = await steward.call('GET', '/api/v1/entities/schedule/default/payments-primary', {
      token: steward.adminToken,
    });
    expect(detail.statusCode).toBe(200);
  });

  it('the error comes back when the source that held the member is removed', async () => {
    const sources = await get('/api/v1/catalog/sources');
    const org = sources.items.find((s: { name: string }) => s.name === 'people-repo');
    const removed = await steward.call('DELETE', `/api/v1/catalog/sources/${org.id}`, {
      token: steward.adminToken,
    });
    expect((await steward.jobOf(removed)).state).toBe('succeeded');
    expect(await missingOfRota()).toHaveLength(1);
  });
});
