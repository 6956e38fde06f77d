// One catalog, many repositories: a component in one repository owned by a team that another
// repository (the organisation's) describes is not dangling. Whether a ref dangles is asked of the
// whole catalog when it is read, so the warning comes back when the team's repository goes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../../server/test-steward.ts';

const orgFiles = [
  {
    path: 'catalog-info.yaml',
    content:
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: payments\nspec:\n  type: team\n  children: []\n',
  },
];
// Line 8: `owner: group:payments`, the owner another upload describes.
const service = {
  path: 'catalog-info.yaml',
  content:
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\nspec:\n  type: service\n  lifecycle: production\n  owner: group:payments\n',
};
const serviceFiles = [service];

describeEachEngine('refs across sources', ({ db }) => {
  let steward: TestSteward;
  const get = async (url: string) => (await steward.call('GET', url, { token: steward.adminToken })).json();
  const upload = async (name: string, files: typeof orgFiles) =>
    steward.jobOf(
      await steward.call('POST', '/api/v1/catalog/sources', {
        token: steward.adminToken,
        body: { kind: 'upload', name, files },
      }),
    );
  const danglingOfLedger = async () => {
    const detail = await get('/api/v1/entities/component/default/ledger');
    return detail.problems.filter((p: { code: string }) => p.code === 'dangling-ref');
  };

  beforeAll(async () => {
    steward = await startTestSteward(db());
  });
  afterAll(() => steward?.close());

  it('warns of a dangling owner while no source has it', async () => {
    const job = await upload('ledger-repo', serviceFiles);
    expect(job.state).toBe('succeeded');
    expect(job.result.warnings).toHaveLength(1);
    const dangling = await danglingOfLedger();
    expect(dangling).toHaveLength(1);
    expect(dangling[0]).toMatchObject({ line: 8, severity: 'warning' });
    expect(dangling[0].message).toContain('group:default/payments');
  });

  it('drops the warning once another source holds the owner, on the entity and in the problem list', async () => {
    expect((await upload('org-repo', orgFiles)).state).toBe('succeeded');
    expect(await danglingOfLedger()).toEqual([]);
    const problems = await get('/api/v1/catalog/problems?limit=100');
    expect(problems.items.filter((p: { code: string }) => p.code === 'dangling-ref')).toEqual([]);
  });

  it('does not count it when the service repository is read again, nor warn in the summary', async () => {
    const job = await upload('ledger-repo', [
      {
        ...service,
        content: `${service.content}# again
`,
      },
    ]);
    expect(job.result.warnings).toEqual([]);
    const sources = await get('/api/v1/catalog/sources');
    const ledger = sources.items.find((s: { name: string }) => s.name === 'ledger-repo');
    expect(ledger.counts.warnings).toBe(0);
  });

  it('warns again when the source that held the owner is removed', async () => {
    const sources = await get('/api/v1/catalog/sources');
    const org = sources.items.find((s: { name: string }) => s.name === 'org-repo');
    const removed = await steward.call('DELETE', `/api/v1/catalog/sources/${org.id}`, {
      token: steward.adminToken,
    });
    expect((await steward.jobOf(removed)).state).toBe('succeeded');
    expect(await danglingOfLedger()).toHaveLength(1);
  });
});
