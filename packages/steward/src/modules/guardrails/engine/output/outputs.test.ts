// The four formats: SARIF validated against the SARIF 2.1.0 JSON schema, JSON against the contract's
// finding shape, JUnit as well-formed XML with one testcase per rule × resource, text grouped by owner.
import { readFileSync } from 'node:fs';
import ajvDraft04 from 'ajv-draft-04';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { scanJsonSchema } from '../../schemas.ts';
import {
  companions,
  hardenedDeployment as good,
  mutate,
  scanTexts,
} from '../kubernetes/manifests.test-support.ts';
import { jsonReport } from './json.ts';
import { junitReport } from './junit.ts';
import type { Report } from './report.ts';
import { sarifReport } from './sarif.ts';
import { textReport } from './text.ts';

// A CommonJS package: its class is `default` of what the import gives.
type AjvClass = new (
  options: object,
) => { compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown[] | null } };
const Ajv = ((ajvDraft04 as unknown as { default?: AjvClass }).default ?? ajvDraft04) as unknown as AjvClass;

const sarifSchema = JSON.parse(
  readFileSync(new URL('./test-data/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'),
);

const bad = mutate(
  mutate(good, 'readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false'),
  'checkout:1.4.2',
  'checkout:latest',
);
const other = mutate(
  mutate(good, 'name: checkout\n  namespace: shop', 'name: cart\n  namespace: shop'),
  'allowPrivilegeEscalation: false',
  'allowPrivilegeEscalation: true',
);

function report(): Report {
  const result = scanTexts({
    'deploy/checkout.yaml': bad,
    'deploy/cart.yaml': other,
    'deploy/companions.yaml': companions,
  });
  const owners: Record<string, string> = { 'deploy/checkout.yaml': 'group:default/payments' };
  return {
    findings: result.findings.map((f) => ({ ...f, owner: owners[f.file] ?? null })),
    exemptions: result.exemptions,
    problems: [
      { file: 'deploy/broken.yaml', line: 3, column: 5, message: 'not valid YAML: bad indentation' },
    ],
    rules: result.rules.filter((r) => r.enabledByDefault),
    filesRead: 3,
    baselined: 0,
  };
}

describe('SARIF', () => {
  it('is valid SARIF 2.1.0', () => {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(sarifSchema);
    const log = JSON.parse(sarifReport(report(), '0.1.0'));
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema is strict enough to catch a broken log.
    expect(validate({ ...log, runs: [{ ...log.runs[0], tool: undefined }] })).toBe(false);
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });

  it('has the rules with help text, and results located with owner, aliases and resource in properties', () => {
    const log = JSON.parse(sarifReport(report(), '0.1.0'));
    const run = log.runs[0];
    const rules = run.tool.driver.rules as { id: string; help: { text: string } }[];
    expect(rules.find((r) => r.id === 'k8s-image-tag')?.help.text).toContain('Pin the image');
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'k8s-image-tag');
    expect(rules[result.ruleIndex]?.id).toBe('k8s-image-tag');
    expect(result.level).toBe('warning');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/checkout.yaml' },
      region: {
        startLine: bad.split('\n').findIndex((l) => l.includes('checkout:latest')) + 1,
        startColumn: 18,
      },
    });
    expect(result.properties).toEqual({
      severity: 'medium',
      owner: 'group:default/payments',
      aliases: [
        'kube-score:container-image-tag',
        'polaris:tagNotSpecified',
        'checkov:CKV_K8S_14',
        'trivy:KSV013',
      ],
      resource: 'Deployment/shop/checkout',
    });
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toContain('bad indentation');
  });
});

describe('JSON', () => {
  it('is {"findings": [...]} with the contract fields', () => {
    const json = JSON.parse(jsonReport(report()));
    const parsed = scanJsonSchema.parse(json);
    const f = parsed.findings.find((x) => x.ruleId === 'k8s-privilege-escalation');
    expect(f).toMatchObject({
      severity: 'medium',
      file: 'deploy/cart.yaml',
      resource: 'Deployment/shop/cart',
      owner: null,
    });
    expect(Object.keys(json.findings[0]).slice(0, 9)).toEqual([
      'ruleId',
      'severity',
      'message',
      'file',
      'line',
      'column',
      'resource',
      'owner',
      'aliases',
    ]);
  });
});

describe('JUnit', () => {
  it('is well-formed XML: one failing testcase per rule × resource, one passing per clean rule', () => {
    const xml = junitReport(report());
    expect(XMLValidator.validate(xml)).toBe(true);
    const failing = [...xml.matchAll(/<testcase classname="([^"]+)" name="([^"]+)" file="[^"]+">/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(failing.sort()).toEqual([
      'k8s-image-tag Deployment/shop/checkout',
      'k8s-privilege-escalation Deployment/shop/cart',
      'k8s-writable-root-filesystem Deployment/shop/checkout',
    ]);
    expect(xml).toContain('<testsuite name="k8s-privileged" tests="1" failures="0"');
    expect(xml).toMatch(/<testsuites name="steward scan" tests="\d+" failures="3"/);
  });

  it('escapes what XML cannot carry as it is', () => {
    const r = report();
    const first = r.findings[0];
    if (first) first.message = 'a <b> & "c"\u0001';
    expect(XMLValidator.validate(junitReport(r))).toBe(true);
  });
});

describe('text', () => {
  it('groups by owner, worst first, with where and how to fix', () => {
    const text = textReport(report());
    const payments = text.indexOf('group:default/payments: 2 findings');
    const nobody = text.indexOf('no owner (add the resource to the catalog or CODEOWNERS): 1 finding');
    expect(payments).toBeGreaterThanOrEqual(0);
    expect(nobody).toBeGreaterThan(payments);
    expect(text).toContain('MEDIUM   deploy/checkout.yaml:');
    expect(text).toContain('Pin the image to a version tag');
    expect(text).toContain('could not check deploy/broken.yaml:3:5: not valid YAML: bad indentation');
    expect(text.trim().split('\n').at(-1)).toBe(
      '3 findings (2 medium, 1 low) in 3 files; 1 problem reading files.',
    );
  });
});
