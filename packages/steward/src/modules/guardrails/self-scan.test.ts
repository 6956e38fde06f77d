// Steward on itself: the repository's own Dockerfile, Kubernetes manifests (deploy/) and catalog entry
// pass `steward scan` with nothing at high or above, and so does the whole repository (the test data
// under engine/cel/test-data is deliberately imperfect, at medium and below).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { scanJsonSchema } from './schemas.ts';

const root = resolve(import.meta.dirname, '../../../../..');
const binary = resolve(root, 'packages/steward/bin/steward.js');

function scan(args: string[]) {
  const result = spawnSync(process.execPath, [binary, 'scan', ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const highOrAbove = new Set(['high', 'critical']);

describe("Steward's own deployment", () => {
  it('the Dockerfile, deploy/ and catalog-info.yaml: all read, nothing at high or above', () => {
    const files = ['Dockerfile', 'deploy/', 'catalog-info.yaml'];
    const text = scan([...files, '--catalog', 'catalog-info.yaml']);
    expect(text.stdout).toMatch(/ in 3 files\.\n$/);
    const json = scan([...files, '--catalog', 'catalog-info.yaml', '--format', 'json', '--fail-on', 'high']);
    expect(json.code, json.stderr).toBe(0);
    const report = scanJsonSchema.parse(JSON.parse(json.stdout));
    expect(report.problems).toEqual([]);
    expect(report.findings.filter((f) => highOrAbove.has(f.severity))).toEqual([]);
  });

  it('the whole repository scans with nothing at high or above', () => {
    const json = scan(['.', '--format', 'json', '--fail-on', 'high']);
    expect(json.code, json.stderr).toBe(0);
    const report = scanJsonSchema.parse(JSON.parse(json.stdout));
    expect(report.findings.filter((f) => highOrAbove.has(f.severity))).toEqual([]);
  });

  it('the Deployment is hardened as the docs say: probes on /livez and /readyz, a PDB and a NetworkPolicy for its pods', () => {
    const docs = parseAllDocuments(readFileSync(resolve(root, 'deploy/kubernetes/steward.yaml'), 'utf8')).map(
      (d) => d.toJS(),
    );
    const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
    const [deployment] = byKind('Deployment');
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(container.livenessProbe.httpGet.path).toBe('/livez');
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(deployment.spec.replicas).toBeGreaterThan(1);
    const podLabels = deployment.spec.template.metadata.labels;
    const selects = (selector: Record<string, string>) =>
      Object.entries(selector).every(([k, v]) => podLabels[k] === v);
    expect(byKind('PodDisruptionBudget').some((p) => selects(p.spec.selector.matchLabels))).toBe(true);
    expect(byKind('NetworkPolicy').some((p) => selects(p.spec.podSelector.matchLabels))).toBe(true);
    expect(byKind('Service').some((s) => selects(s.spec.selector))).toBe(true);
  });

  it('the image runs as a user other than root, from a base pinned to a release', () => {
    const dockerfile = readFileSync(resolve(root, 'Dockerfile'), 'utf8');
    const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThan(1);
    for (const image of froms) expect(image).toMatch(/^node:\d+\.\d+\.\d+-[a-z-]+(@sha256:[0-9a-f]{64})?$/);
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
  });
});
