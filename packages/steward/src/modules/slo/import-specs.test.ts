// `steward catalog import DIR` uploads the SLO specs with the catalog: those a service attaches and
// those beside it, so the server compiles both; YAML that declares no spec stays home.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';

const bin = resolve(import.meta.dirname, '../../../bin/steward.js');
const lines = (...text: string[]) => `${text.join('\n')}\n`;

function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const sloth = (name: string) =>
  lines(
    'version: prometheus/v1',
    'service: checkout',
    'slos:',
    `  - name: ${name}`,
    '    objective: 99.5',
    '    sli:',
    '      events:',
    '        error_query: sum(rate(errors_total[{{.window}}]))',
    '        total_query: sum(rate(requests_total[{{.window}}]))',
    '    alerting: { page_alert: { disable: true }, ticket_alert: { disable: true } }',
  );

describeEachEngine('steward catalog import with SLO specs', ({ db }) => {
  let steward: TestSteward;
  let server: string;
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    await steward.app.listen({ port: 0, host: '127.0.0.1' });
    server = `http://127.0.0.1:${(steward.app.server.address() as { port: number }).port}`;
    dir = mkdtempSync(join(tmpdir(), 'steward-import-slos-'));
    const files: Record<string, string> = {
      'catalog-info.yaml': lines(
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: checkout',
        '  annotations:',
        '    steward.dev/slo-spec: ./specs/attached.yaml',
        'spec: { type: service, lifecycle: production, owner: payments }',
      ),
      'specs/attached.yaml': sloth('attached'),
      'slos/beside.yaml': sloth('beside'),
      'deploy/values.yaml': lines('replicas: 3'),
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    env = {
      STEWARD_TOKEN: readFileSync(join(steward.dataDir, 'admin.token'), 'utf8').trim(),
      STEWARD_CONFIG: join(dir, 'no-config.json'),
    };
  });
  afterAll(() => steward?.close());

  it('uploads attached and beside specs, and the server compiles both', async () => {
    const result = await run(['catalog', 'import', dir, '--server', server], env);
    // catalog-info.yaml and the two specs; deploy/values.yaml is not sent.
    expect(result.stderr).toContain('uploading 3 files');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const items = (await steward.call('GET', '/api/v1/slos', { token: env.STEWARD_TOKEN })).json().items;
    expect(items.map((s: { id: string; file: string }) => [s.id, s.file])).toEqual([
      ['checkout-attached', 'specs/attached.yaml'],
      ['checkout-beside', 'slos/beside.yaml'],
    ]);
  });
});
