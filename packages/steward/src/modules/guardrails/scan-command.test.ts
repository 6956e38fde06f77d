// `steward scan` as a user runs it: the real binary, its formats, owners from a catalog or CODEOWNERS,
// exit codes (0 clean, 1 findings at or above --fail-on, 2 bad usage or nothing readable), a broken
// file not stopping the scan, baselines that survive moved lines, and a policy file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  companions,
  hardenedDeployment as good,
  mutate,
} from './engine/kubernetes/manifests.test-support.ts';
import { scanJsonSchema } from './schemas.ts';

const binary = resolve(import.meta.dirname, '../../../bin/steward.js');

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-scan-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function steward(cwd: string, args: string[]) {
  const result = spawnSync(process.execPath, [binary, 'scan', ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const writable = mutate(good, 'readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false');
const privileged = mutate(
  good,
  'allowPrivilegeEscalation: false',
  'allowPrivilegeEscalation: false\n            privileged: true',
);

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

describe('steward scan', () => {
  it('exits 0 on clean manifests and 1 on findings, walking directories', () => {
    const clean = workspace({
      'deploy/app.yaml': good,
      'deploy/companions.yml': companions,
      'README.md': '# not yaml',
    });
    expect(steward(clean, ['deploy'])).toMatchObject({ code: 0 });
    const dirty = workspace({ 'deploy/app.yaml': writable, 'deploy/companions.yml': companions });
    const run = steward(dirty, ['deploy', '--format', 'json']);
    expect(run.code).toBe(1);
    const json = scanJsonSchema.parse(JSON.parse(run.stdout));
    expect(json.findings.map((f) => [f.ruleId, f.file, f.resource])).toEqual([
      ['k8s-writable-root-filesystem', 'deploy/app.yaml', 'Deployment/shop/checkout'],
    ]);
    expect(json.findings[0]?.aliases).toContain('trivy:KSV014');
  });

  it('.stewardignore leaves globbed paths out of a walk; a file named on the command line is still read', () => {
    const dir = workspace({
      '.stewardignore': '# deliberately bad test data\n**/fixtures\n',
      'deploy/app.yaml': good,
      'deploy/companions.yml': companions,
      'src/fixtures/bad.yaml': privileged,
      'src/other/companions.yaml': companions,
    });
    const walked = steward(dir, ['.', '--format', 'json']);
    expect(walked.code, walked.stderr).toBe(0);
    expect(JSON.parse(walked.stdout).findings).toEqual([]);
    const named = steward(dir, ['src/fixtures/bad.yaml', 'src/other/companions.yaml', '--format', 'json']);
    expect(named.code).toBe(1);
    expect(JSON.parse(named.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain(
      'k8s-privileged',
    );
  });

  it('--fail-on: only findings at or above it fail', () => {
    const dir = workspace({ 'app.yaml': writable, 'companions.yaml': companions });
    expect(steward(dir, ['.', '--fail-on', 'medium']).code).toBe(0);
    expect(steward(dir, ['.', '--fail-on', 'low']).code).toBe(1);
    const bad = steward(dir, ['.', '--fail-on', 'severe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('severe');
  });

  it('a malformed file gets a positioned error and the scan goes on; nothing readable exits 2', () => {
    const dir = workspace({
      'app.yaml': privileged,
      'companions.yaml': companions,
      'broken.yaml': 'apiVersion: v1\nkind: [Pod\n',
    });
    const run = steward(dir, ['.', '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^broken\.yaml:\d+:\d+: not valid YAML/m);
    expect(JSON.parse(run.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
      'k8s-privileged',
    ]);
    const only = steward(dir, ['broken.yaml']);
    expect(only.code).toBe(2);
    expect(only.stderr).toContain('steward: nothing to scan');
    expect(steward(dir, ['missing.yaml']).code).toBe(2);
    expect(steward(dir, []).code).toBe(2);
  });

  it('scans Kubernetes, Dockerfiles and Terraform in one directory, each finding with its owner and aliases', () => {
    const dir = workspace({
      'deploy/app.yaml': privileged,
      'deploy/companions.yaml': companions,
      Dockerfile: 'FROM node:22.11-slim\nWORKDIR /app\nCOPY . .\nUSER root\nCMD ["node", "server.js"]\n',
      'build/worker.dockerfile': '# hadolint ignore=DL3007\nFROM python:latest\nUSER 10001\n',
      'infra/main.tf': [
        'resource "aws_db_instance" "ledger" {',
        '  engine              = "postgres"',
        '  storage_encrypted   = true',
        '  publicly_accessible = true',
        '  tags = { owner = "ledger" }',
        '}',
        '',
      ].join('\n'),
      'infra/broken.tf': 'resource "aws_s3_bucket" "x" {\n',
      '.github/CODEOWNERS': '/Dockerfile @acme/platform\n',
    });
    mkdirSync(join(dir, '.git'));
    const run = steward(dir, ['.', '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^infra\/broken\.tf:\d+:\d+: not valid HCL/m);
    const json = scanJsonSchema.parse(JSON.parse(run.stdout));
    expect(json.findings.map((f) => [f.file, f.line, f.ruleId, f.resource, f.owner])).toEqual([
      ['Dockerfile', 4, 'docker-root-user', null, '@acme/platform'],
      ['deploy/app.yaml', expect.any(Number), 'k8s-privileged', 'Deployment/shop/checkout', null],
      ['infra/main.tf', 4, 'tf-rds-public', 'aws_db_instance.ledger', 'group:default/ledger'],
    ]);
    expect(json.findings[0]?.aliases).toContain('hadolint:DL3002');
    expect(json.findings[2]?.aliases).toContain('checkov:CKV_AWS_17');
    expect(json.exemptions.map((e) => [e.file, e.syntax, e.written])).toEqual([
      ['build/worker.dockerfile', 'hadolint', 'DL3007'],
    ]);
  });

  it('names owners from the catalog (backstage.io/kubernetes-id), else from CODEOWNERS, else null', () => {
    // Backstage's way: the component's kubernetes-id annotation names the objects' label of that name.
    const labelled = mutate(
      writable,
      '    app.kubernetes.io/managed-by: Helm\n',
      '    app.kubernetes.io/managed-by: Helm\n    backstage.io/kubernetes-id: checkout\n',
    );
    const dir = workspace({
      'deploy/app.yaml': labelled,
      'deploy/companions.yaml': companions,
      'other/cart.yaml': mutate(
        writable,
        'name: checkout\n  namespace: shop',
        'name: cart\n  namespace: shop',
      ),
      'catalog/catalog-info.yaml': catalog,
      '.github/CODEOWNERS': '/other/ @acme/cart-team\n',
    });
    mkdirSync(join(dir, '.git'));
    const run = steward(dir, ['deploy', 'other', '--catalog', 'catalog', '--format', 'json']);
    const owners = JSON.parse(run.stdout).findings.map((f: { resource: string; owner: string | null }) => [
      f.resource,
      f.owner,
    ]);
    expect(owners).toContainEqual(['Deployment/shop/checkout', 'group:default/payments']);
    expect(owners).toContainEqual(['Deployment/shop/cart', '@acme/cart-team']);
    const text = steward(dir, ['deploy', '--catalog', 'catalog']).stdout;
    expect(text.startsWith('group:default/payments: 1 finding')).toBe(true);
    const none = workspace({ 'app.yaml': writable, 'companions.yaml': companions });
    expect(JSON.parse(steward(none, ['.', '--format', 'json']).stdout).findings[0].owner).toBeNull();
  });

  it('a baseline keeps known findings quiet even when their lines move, and new ones still fail', () => {
    const dir = workspace({ 'app.yaml': writable, 'companions.yaml': companions });
    expect(steward(dir, ['.', '--write-baseline', 'baseline.json']).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')).findings).toHaveLength(1);
    // Lines inserted above the finding: the same finding, a different line.
    writeFileSync(
      join(dir, 'app.yaml'),
      mutate(
        writable,
        '  labels:\n    helm.sh/chart',
        '  annotations:\n    note: moved\n  labels:\n    helm.sh/chart',
      ),
    );
    const moved = steward(dir, ['.', '--baseline', 'baseline.json', '--format', 'json']);
    expect(moved.code).toBe(0);
    expect(JSON.parse(moved.stdout)).toMatchObject({ findings: [], baselined: 1 });
    writeFileSync(
      join(dir, 'app.yaml'),
      mutate(writable, 'allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'),
    );
    const fresh = steward(dir, ['.', '--baseline', 'baseline.json', '--format', 'json']);
    expect(fresh.code).toBe(1);
    expect(JSON.parse(fresh.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
      'k8s-privilege-escalation',
    ]);
    writeFileSync(join(dir, 'not-a-baseline.json'), '{"findings": 3}');
    expect(steward(dir, ['.', '--baseline', 'not-a-baseline.json']).code).toBe(2);
  });

  it('a policy file switches rules, sets the registry allow-list and adds central exemptions; a bad one exits 2', () => {
    const policy = `apiVersion: steward.dev/v1
kind: GuardrailsPolicy
spec:
  rules:
    k8s-writable-root-filesystem: off
    k8s-image-pull-policy: on
  allowedRegistries: [registry.acme.example]
`;
    const dir = workspace({
      'app.yaml': writable,
      'companions.yaml': companions,
      'policy.yaml': policy,
      'bad-policy.yaml': policy.replace('k8s-image-pull-policy: on', 'k8s-no-such-rule: on'),
    });
    const run = steward(dir, ['app.yaml', 'companions.yaml', '--policy', 'policy.yaml', '--format', 'json']);
    expect(
      JSON.parse(run.stdout)
        .findings.map((f: { ruleId: string }) => f.ruleId)
        .sort(),
    ).toEqual(['k8s-image-pull-policy', 'k8s-image-registry']);
    const bad = steward(dir, ['app.yaml', '--policy', 'bad-policy.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad-policy.yaml:6:5: no rule k8s-no-such-rule');
  });

  it('SARIF and JUnit come out of the CLI too; --list-rules names every rule', () => {
    const dir = workspace({ 'app.yaml': writable, 'companions.yaml': companions });
    const sarif = JSON.parse(steward(dir, ['.', '--format', 'sarif']).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results[0].properties.resource).toBe('Deployment/shop/checkout');
    expect(steward(dir, ['.', '--format', 'junit']).stdout).toContain(
      '<testcase classname="k8s-writable-root-filesystem" name="Deployment/shop/checkout"',
    );
    const rules = steward(dir, ['--list-rules']);
    expect(rules.code).toBe(0);
    expect(rules.stdout).toMatch(/^k8s-image-pull-policy\s+low\s+off/m);
  });
});
