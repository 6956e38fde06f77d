// `steward scorecards list|show` as an engineer runs them: the real binary against a listening server.
// checkout passes its Bronze rule (weight 1) and fails its Silver one (weight 1): Bronze, 50%. The
// scorecard names no owner (shown as -).
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { runStewardCli } from '../../server/test-serve.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';

const catalog = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout, description: Takes the money. }
spec: { type: service, lifecycle: production, owner: group:payments }
---
apiVersion: steward.dev/v1
kind: Scorecard
metadata: { name: basics }
spec:
  rules:
    - { id: owner, title: Has an owner, check: has-owner, level: Bronze }
    - { id: runbook, title: Has a runbook, check: has-runbook, level: Silver, howToFix: Link the runbook. }
`;

describeEachEngine('steward scorecards list|show', ({ db }) => {
  let steward: TestSteward;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runStewardCli(args, env);
  const api = async (url: string) => (await steward.call('GET', url, { token: steward.adminToken })).json();

  beforeAll(async () => {
    steward = await startTestSteward(db());
    const upload = await steward.call('POST', '/api/v1/catalog/sources', {
      token: steward.adminToken,
      body: { kind: 'upload', name: 'services', files: [{ path: 'catalog-info.yaml', content: catalog }] },
    });
    expect((await steward.jobOf(upload)).result.errors).toEqual([]);
    await steward.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = steward.app.server.address() as { port: number };
    env = {
      STEWARD_SERVER: `http://127.0.0.1:${port}`,
      STEWARD_TOKEN: steward.adminToken,
      STEWARD_CONFIG: join(steward.dataDir, 'no-config.json'),
    };
  });
  afterAll(() => steward?.close());

  it('lists the scorecards with how many hold each level', async () => {
    const text = await cli('scorecards', 'list');
    expect(text).toMatchObject({ code: 0, stderr: '' });
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +ENTITIES +AVERAGE +LEVELS +OWNER$/);
    expect(lines[1]).toMatch(/^basics +1 +50% +Bronze 1, Silver 0, Gold 0, none 0 +-$/);
    const json = await cli('scorecards', 'list', '--format', 'json');
    expect(JSON.parse(json.stdout)).toEqual(await api('/api/v1/scorecards'));
  });

  it("shows a team's entities with their level and next step", async () => {
    const shown = await cli('scorecards', 'show', 'basics', '--team', 'payments');
    expect(shown.code).toBe(0);
    const lines = shown.stdout.trimEnd().split('\n');
    expect(lines[1]).toMatch(
      /^component:default\/checkout +group:default\/payments +Bronze +50% +Has a runbook \(Silver\): Link the runbook\.$/,
    );
    expect(lines).toHaveLength(2);
    const other = await cli('scorecards', 'show', 'basics', '--team', 'search');
    expect(other.stdout).toBe('(none)\n');
    const missing = await cli('scorecards', 'show', 'nope');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no scorecard nope: the scorecards are basics');
  });
});
