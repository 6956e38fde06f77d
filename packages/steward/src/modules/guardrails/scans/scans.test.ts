// Scans kept on the server: an upload becomes the target's latest scan (replacing the previous one
// whole), each finding attributed to its team and service by the server's catalog (the resource by
// name, the owner the scan named, the file by CODEOWNERS), exempted findings kept with their
// exemption and open again once it has expired; bad bodies and readers refused. Expected teams are
// read off the catalog below.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../../server/test-steward.ts';
import type { FindingFact } from '../index.ts';

const catalog = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: shop-team }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: search }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout }
spec: { type: service, lifecycle: production, owner: group:shop-team }
`;

/** A finding as `steward scan --format json` prints it. */
const finding = (ruleId: string, severity: string, file: string, resource: string | null, more = {}) => ({
  ruleId,
  severity,
  message: `${ruleId} here`,
  file,
  line: 12,
  column: 3,
  resource,
  owner: null,
  aliases: [],
  fingerprint: `fp-${ruleId}`,
  ...more,
});

const live = { file: 'deploy/checkout.yaml', line: 8, expires: '2099-12-31' };
const lapsed = { file: 'deploy/checkout.yaml', line: 10, expires: '2020-01-01' };

const report = {
  findings: [
    finding('k8s-writable-root-filesystem', 'medium', 'deploy/checkout.yaml', 'Deployment/shop/checkout'),
    finding('k8s-image-tag', 'medium', 'ops/legacy.yaml', 'Deployment/ops/legacy'),
    finding('tf-s3-public', 'high', 'infra/main.tf', 'aws_s3_bucket.logs', {
      owner: 'group:default/platform',
    }),
    finding('k8s-host-path', 'high', 'deploy/checkout.yaml', 'Deployment/shop/checkout', {
      expiredExemption: {
        file: 'deploy/checkout.yaml',
        line: 9,
        expires: '2026-01-31',
        written: 'k8s-host-path',
        syntax: 'steward-annotation',
        reason: 'node agent',
        approver: '@sec',
      },
    }),
  ],
  exemptions: [
    {
      rules: ['k8s-privileged'],
      written: 'k8s-privileged',
      syntax: 'steward-annotation',
      reason: 'GPU driver',
      expires: live.expires,
      approver: '@security',
      container: 'driver',
      image: null,
      file: live.file,
      line: live.line,
      resource: 'Deployment/shop/checkout',
      findings: ['fp-k8s-privileged'],
    },
    {
      rules: ['k8s-run-as-root'],
      written: 'k8s-run-as-root',
      syntax: 'steward-comment',
      reason: 'legacy image',
      expires: lapsed.expires,
      approver: null,
      container: null,
      image: null,
      file: lapsed.file,
      line: lapsed.line,
      resource: 'Deployment/shop/checkout',
      findings: ['fp-k8s-run-as-root'],
    },
  ],
  exempted: [
    finding('k8s-privileged', 'critical', 'deploy/checkout.yaml', 'Deployment/shop/checkout', {
      exemptedBy: live,
    }),
    finding('k8s-run-as-root', 'high', 'deploy/checkout.yaml', 'Deployment/shop/checkout', {
      exemptedBy: lapsed,
    }),
  ],
  problems: [],
  baselined: 0,
};

const shop = 'github.com%2Facme%2Fshop';
const byRule = (facts: FindingFact[]) => [...facts].sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1));

describeEachEngine('scans uploaded to the server', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
    const upload = await steward.call('POST', '/api/v1/catalog/sources', {
      token: steward.adminToken,
      body: {
        kind: 'upload',
        name: 'shop',
        repository: { name: 'https://github.com/acme/shop.git', path: '' },
        files: [
          // The Component's file sits in its own directory: it claims services/checkout/, not the repository.
          { path: 'services/checkout/catalog-info.yaml', content: catalog },
          { path: '.github/CODEOWNERS', content: '/ops/ @acme/search\n' },
        ],
      },
    });
    expect((await steward.jobOf(upload)).result.errors).toEqual([]);
  });
  afterAll(() => steward?.close());

  const put = (target: string, body: unknown, token = org.tokens.member) =>
    steward.call('PUT', `/api/v1/guardrails/scans/${target}`, { token, body });

  it('keeps a scan, each finding with its team and service, exempted ones with their exemption', async () => {
    const response = await put(shop, report);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      target: 'github.com/acme/shop',
      uploadedBy: 'mia',
      findings: 4,
      exempted: 2,
      // the two used, and the expired one a finding names
      exemptions: 3,
      problems: 0,
    });
    const facts = (await steward.assembled.guardrails.openFindings()).filter(
      (f) => f.target === 'github.com/acme/shop',
    );
    const payments = { team: 'group:default/shop-team', service: 'component:default/checkout' };
    const target = 'github.com/acme/shop';
    expect(byRule(facts)).toEqual([
      // its exemption expired before the scan: open
      { ruleId: 'k8s-host-path', severity: 'high', ...payments, target, exempted: false },
      // by CODEOWNERS: /ops/ @acme/search, the Group named search
      {
        ruleId: 'k8s-image-tag',
        severity: 'medium',
        team: 'group:default/search',
        service: null,
        target,
        exempted: false,
      },
      { ruleId: 'k8s-privileged', severity: 'critical', ...payments, target, exempted: true },
      // exempted at the scan, until 2020-01-01: open again now
      { ruleId: 'k8s-run-as-root', severity: 'high', ...payments, target, exempted: false },
      { ruleId: 'k8s-writable-root-filesystem', severity: 'medium', ...payments, target, exempted: false },
      // the owner the scan named (a Terraform tag), though the catalog has no such Group
      {
        ruleId: 'tf-s3-public',
        severity: 'high',
        team: 'group:default/platform',
        service: null,
        target,
        exempted: false,
      },
    ]);
  });

  it("replaces the target's previous scan whole, and leaves other targets' alone", async () => {
    expect(
      (await put('github.com%2Facme%2Fother', { ...report, exempted: [], exemptions: [] })).statusCode,
    ).toBe(200);
    const again = await put(encodeURIComponent('https://github.com/Acme/Shop.git'), {
      findings: [report.findings[1]],
      exemptions: [],
      problems: [],
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      target: 'github.com/acme/shop',
      findings: 1,
      exempted: 0,
      exemptions: 0,
    });
    const facts = await steward.assembled.guardrails.openFindings();
    expect(facts.filter((f) => f.target === 'github.com/acme/shop').map((f) => f.ruleId)).toEqual([
      'k8s-image-tag',
    ]);
    expect(facts.filter((f) => f.target === 'github.com/acme/other')).toHaveLength(4);
  });

  it('refuses a body that is no scan report, naming the field', async () => {
    const bad = { ...report, findings: [{ ...report.findings[0], severity: 'urgent' }] };
    const response = await put(shop, bad);
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toContain('body.findings.0.severity');
    const noFindings = await put(shop, { exemptions: [] });
    expect(noFindings.statusCode).toBe(400);
    expect(noFindings.json().detail).toContain('body.findings');
  });

  it('takes uploads from members and admins, not from viewers or read-only tokens', async () => {
    const one = { findings: [report.findings[0]], exemptions: [] };
    expect((await put(shop, one, org.tokens.viewer)).statusCode).toBe(403);
    expect((await put(shop, one, org.tokens.adminRead)).statusCode).toBe(403);
    expect((await steward.call('PUT', `/api/v1/guardrails/scans/${shop}`, { body: one })).statusCode).toBe(
      401,
    );
    expect((await put(shop, one, org.tokens.admin)).json()).toMatchObject({
      uploadedBy: 'admin',
      findings: 1,
    });
  });
});
