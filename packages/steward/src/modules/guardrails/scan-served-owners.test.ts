// `steward scan --server URL`: owners asked of a running `steward serve --catalog DIR`, the same
// who-owns answers the offline --catalog gives; `--upload` and `steward guardrails upload` keeping the
// scan there.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStewardCli, type SpawnedSteward, spawnSteward } from '../../server/test-serve.ts';
import { companions, hardenedDeployment, mutate } from './engine/kubernetes/manifests.test-support.ts';

const catalog = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-service
  annotations:
    backstage.io/kubernetes-id: checkout
spec:
  type: service
  lifecycle: production
  owner: group:payments
`;

describe('steward scan --server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'steward-scan-served-'));
  let steward: SpawnedSteward;

  beforeAll(async () => {
    mkdirSync(join(dir, 'catalog'));
    writeFileSync(join(dir, 'catalog', 'catalog-info.yaml'), catalog);
    steward = await spawnSteward({ args: ['--catalog', join(dir, 'catalog')] });
  }, 120_000);

  afterAll(async () => {
    await steward?.stop();
  });

  it("names the owner the server's catalog gives, and null where it has none", async () => {
    const labelled = mutate(
      mutate(hardenedDeployment, 'readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'),
      '    app.kubernetes.io/managed-by: Helm\n',
      '    app.kubernetes.io/managed-by: Helm\n    backstage.io/kubernetes-id: checkout\n',
    );
    const other = mutate(
      labelled,
      'backstage.io/kubernetes-id: checkout',
      'backstage.io/kubernetes-id: elsewhere',
    );
    writeFileSync(join(dir, 'app.yaml'), labelled);
    writeFileSync(
      join(dir, 'other.yaml'),
      mutate(other, 'name: checkout\n  namespace: shop', 'name: lone\n  namespace: shop'),
    );
    writeFileSync(join(dir, 'companions.yaml'), companions);
    const files = ['app.yaml', 'other.yaml', 'companions.yaml'].map((f) => join(dir, f));
    // Wait for the catalog to be read: the server reads --catalog as a job after it is ready.
    let run = await runStewardCli(['scan', ...files, '--server', steward.url, '--format', 'json'], {
      STEWARD_TOKEN: steward.adminToken(),
    });
    for (let i = 0; i < 50 && !run.stdout.includes('group:default/payments'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      run = await runStewardCli(['scan', ...files, '--server', steward.url, '--format', 'json'], {
        STEWARD_TOKEN: steward.adminToken(),
      });
    }
    expect(run.code, run.stderr).toBe(1);
    const owners = JSON.parse(run.stdout).findings.map((f: { resource: string; owner: string | null }) => [
      f.resource,
      f.owner,
    ]);
    expect(owners).toContainEqual(['Deployment/shop/checkout', 'group:default/payments']);
    expect(owners).toContainEqual(['Deployment/shop/lone', null]);
  }, 120_000);

  it('uploads the scan, exempted findings with it, from the scan or from its JSON file', async () => {
    const exempt = mutate(
      hardenedDeployment,
      'readOnlyRootFilesystem: true',
      'readOnlyRootFilesystem: false',
    ).replace(
      '  labels:\n    helm.sh/chart',
      '  annotations:\n    steward.dev/exempt: rule=k8s-writable-root-filesystem reason="cache" expires=2099-12-31\n  labels:\n    helm.sh/chart',
    );
    const plain = mutate(
      mutate(hardenedDeployment, 'readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'),
      'name: checkout\n  namespace: shop',
      'name: lone\n  namespace: shop',
    );
    writeFileSync(join(dir, 'exempt.yaml'), exempt);
    writeFileSync(join(dir, 'plain.yaml'), plain);
    writeFileSync(join(dir, 'companions.yaml'), companions);
    const files = ['exempt.yaml', 'plain.yaml', 'companions.yaml'].map((f) => join(dir, f));
    const env = { STEWARD_TOKEN: steward.adminToken() };
    const target = ['--target', 'github.com/acme/shop'];
    const scanned = await runStewardCli(
      ['scan', ...files, '--upload', '--server', steward.url, ...target, '--format', 'json'],
      env,
    );
    // One writable root filesystem in each Deployment; the annotated one is exempted.
    expect(scanned.code, scanned.stderr).toBe(1);
    expect(scanned.stderr).toContain('uploaded the scan of github.com/acme/shop to http://127.0.0.1:');
    expect(scanned.stderr).toContain(': 1 open findings, 1 exempted, 1 exemptions');
    const json = JSON.parse(scanned.stdout);
    expect(json.exempted).toMatchObject([
      {
        ruleId: 'k8s-writable-root-filesystem',
        resource: 'Deployment/shop/checkout',
        exemptedBy: { expires: '2099-12-31' },
      },
    ]);
    writeFileSync(join(dir, 'scan.json'), scanned.stdout);
    const uploaded = await runStewardCli(
      [
        'guardrails',
        'upload',
        join(dir, 'scan.json'),
        '--server',
        steward.url,
        '--target',
        'github.com/acme/other',
      ],
      env,
    );
    expect(uploaded.code, uploaded.stderr).toBe(0);
    expect(uploaded.stderr).toContain('github.com/acme/other');
    expect(uploaded.stderr).toContain(': 1 open findings, 1 exempted, 1 exemptions');
    const refused = await runStewardCli(
      ['guardrails', 'upload', join(dir, 'exempt.yaml'), '--server', steward.url, ...target],
      env,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not JSON');
  }, 120_000);
});
