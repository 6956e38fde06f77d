// Hostile patterns from outside: a catalog uploaded to the running server with a matcher written to
// backtrack, then a who-owns question with a 10,000-character label, while /livez must keep
// answering; and `steward codeowners match` on a file with a line written to backtrack. The bounds
// are generous on purpose: the failure they guard against takes V8 years, not a second too many.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';

const long = 'a'.repeat(10_000);

const catalog = `---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [] }
---
apiVersion: steward.dev/v1
kind: Service
metadata: { name: greedy }
spec:
  lifecycle: production
  tier: 2
  owners: [{ ref: group:payments, role: primary }]
  selectors:
    alerts:
      matchers: ['service=~"(a+)+b"', 'env!~"(a|aa)*c"']
`;

describeEachEngine('who-owns with a matcher written to backtrack', ({ db }) => {
  let steward: TestSteward;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    const upload = await steward.call('POST', '/api/v1/catalog/sources', {
      token: steward.adminToken,
      body: { kind: 'upload', name: 'hostile', files: [{ path: 'catalog-info.yaml', content: catalog }] },
    });
    expect(upload.statusCode).toBe(202);
    expect((await steward.jobOf(upload)).result).toMatchObject({ errorCount: 0 });
  });
  afterAll(async () => {
    await steward?.close();
  });

  const ask = async (labels: string) => {
    const query = new URLSearchParams({ thing: `alert:{${labels}}` });
    const response = await steward.call('GET', `/api/v1/who-owns?${query}`, { token: steward.adminToken });
    expect(response.statusCode).toBe(200);
    return response.json().items[0];
  };

  it('answers right and keeps /livez answering, for a label of 10,000 characters', async () => {
    // The index follows the store: wait until it holds the uploaded selector.
    await vi.waitFor(async () => expect((await ask('service="ab"')).owned).toBe(true));
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const start = performance.now();
    const [missing, matching, livez] = await Promise.all([
      ask(`service="${long}",env="${long}"`),
      ask(`service="${long}b",env="${long}"`),
      steward.app.inject('/livez'),
    ]);
    delay.disable();
    expect(livez.statusCode).toBe(200);
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(delay.max / 1e6, 'longest event-loop stall, ms').toBeLessThan(1_000);
    expect(missing.owned).toBe(false);
    expect(matching).toMatchObject({ owned: true, decidedBy: { entity: 'service:default/greedy' } });
  });
  it('reports, when a catalog is uploaded, a matcher RE2 cannot run, at its file, line and column', async () => {
    const unsupported = [
      'apiVersion: steward.dev/v1',
      'kind: Service',
      'metadata: { name: lookaround }',
      'spec:',
      '  lifecycle: production',
      '  tier: 2',
      '  owners: [{ ref: group:payments, role: primary }]',
      '  selectors:',
      '    alerts:',
      `      matchers: [team=payments, 'service=~"(?!legacy)pay.*"']`,
    ].join('\n');
    const upload = await steward.call('POST', '/api/v1/catalog/sources', {
      token: steward.adminToken,
      body: {
        kind: 'upload',
        name: 'lookaround',
        files: [{ path: 'svc/catalog-info.yaml', content: unsupported }],
      },
    });
    expect(upload.statusCode).toBe(202);
    expect((await steward.jobOf(upload)).result).toMatchObject({ errorCount: 1 });
    const source = upload.json().source.id;
    const problems = await steward.call('GET', `/api/v1/catalog/problems?source=${source}&severity=error`, {
      token: steward.adminToken,
    });
    // Line 10; the quoted matcher starts after `      matchers: [team=payments, `, at column 33.
    expect(problems.json().items).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'invalid-value',
        file: 'svc/catalog-info.yaml',
        line: 10,
        column: 33,
        message: expect.stringMatching(/regex "\(\?!legacy\)pay\.\*": RE2 .* has no lookahead/),
      }),
    ]);
  });
});

describe('steward codeowners match with a line written to backtrack', () => {
  const binary = resolve(import.meta.dirname, '../../../bin/steward.js');
  const dir = mkdtempSync(join(tmpdir(), 'steward-hostile-codeowners-'));

  const match = (text: string, flavor: string, path: string) => {
    const file = join(dir, `CODEOWNERS-${flavor}`);
    writeFileSync(file, text);
    // Node's start-up is most of this; a backtracking matcher would not finish in a lifetime.
    const args = [binary, 'codeowners', 'match', '--flavor', flavor, '--file', file, path];
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 20_000 });
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout)[0];
  };

  it.each([
    ['github', `${'a*'.repeat(30)}b`],
    ['github', `${'?*'.repeat(30)}b`],
    // GitLab reads a line starting with `[` as a section header.
    ['gitlab', `a${'[ab]*'.repeat(30)}c`],
  ])('%s %s against a 10,000-character file name', (flavor, pattern) => {
    const text = `* @everyone\n${pattern} @greedy\n`;
    expect(match(text, flavor, `src/${long}`)).toMatchObject({ owners: ['@everyone'], line: 1 });
    const hit = `src/${long}${pattern.at(-1)}`;
    expect(match(text, flavor, hit)).toMatchObject({ owners: ['@greedy'], line: 2 });
  });
});
