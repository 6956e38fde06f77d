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
        expires: '2021-06-30',
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

  const read = async (url: string, token = org.tokens.viewer) => {
    const response = await steward.call('GET', url, { token });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const rules = (items: { ruleId: string }[]) => items.map((f) => f.ruleId);

  it('lists open findings, most severe first, filtered and paged', async () => {
    // high: run-as-root (its exemption lapsed), tf-s3-public, host-path; then medium. Within a
    // severity in upload order: exempted findings were stored first, then the open ones.
    const all = await read('/api/v1/guardrails/findings');
    expect(rules(all.items)).toEqual([
      'k8s-run-as-root',
      'tf-s3-public',
      'k8s-host-path',
      'k8s-writable-root-filesystem',
      'k8s-image-tag',
    ]);
    expect(all.next).toBeNull();
    expect(all.items[0]).toMatchObject({
      target: 'github.com/acme/shop',
      file: 'deploy/checkout.yaml',
      resource: 'Deployment/shop/checkout',
      team: 'group:default/shop-team',
      service: 'component:default/checkout',
      exempted: false,
      exemption: { written: 'k8s-run-as-root', expires: '2020-01-01', reason: 'legacy image', line: 10 },
    });
    const pages: string[][] = [];
    let next: string | null = null;
    do {
      const page = await read(`/api/v1/guardrails/findings?limit=2${next ? `&cursor=${next}` : ''}`);
      pages.push(rules(page.items));
      next = page.next;
    } while (next !== null && pages.length < 5);
    expect(pages).toEqual([
      ['k8s-run-as-root', 'tf-s3-public'],
      ['k8s-host-path', 'k8s-writable-root-filesystem'],
      ['k8s-image-tag'],
    ]);
    const mine = ['k8s-run-as-root', 'k8s-host-path', 'k8s-writable-root-filesystem'];
    expect(rules((await read('/api/v1/guardrails/findings?team=shop-team')).items)).toEqual(mine);
    expect(rules((await read('/api/v1/guardrails/findings?service=checkout')).items)).toEqual(mine);
    expect(rules((await read('/api/v1/guardrails/findings?severity=high')).items)).toEqual([
      'k8s-run-as-root',
      'tf-s3-public',
      'k8s-host-path',
    ]);
    expect(
      rules(
        (await read('/api/v1/guardrails/findings?target=https://github.com/acme/shop.git&team=search')).items,
      ),
    ).toEqual(['k8s-image-tag']);
    const exempted = await read('/api/v1/guardrails/findings?state=exempted');
    expect(exempted.items).toMatchObject([
      {
        ruleId: 'k8s-privileged',
        exempted: true,
        exemption: {
          written: 'k8s-privileged',
          reason: 'GPU driver',
          approver: '@security',
          expires: '2099-12-31',
          file: 'deploy/checkout.yaml',
          line: 8,
        },
      },
    ]);
    expect((await read('/api/v1/guardrails/findings?state=all')).items).toHaveLength(6);
  });

  it('refuses a bad filter or cursor, naming it', async () => {
    const cursor = await steward.call('GET', '/api/v1/guardrails/findings?cursor=bm90LWpzb24', {
      token: org.tokens.viewer,
    });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().detail).toContain('querystring.cursor');
    const severity = await steward.call('GET', '/api/v1/guardrails/findings?severity=urgent', {
      token: org.tokens.viewer,
    });
    expect(severity.statusCode).toBe(400);
    expect(severity.json().detail).toContain('querystring.severity');
    const team = await steward.call('GET', '/api/v1/guardrails/findings?team=group:default/', {
      token: org.tokens.viewer,
    });
    expect(team.statusCode).toBe(400);
    expect(team.json().detail).toContain('querystring.team');
  });

  it('counts open findings by team and by service, the most severe first', async () => {
    const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0, exempted: 0 };
    expect((await read('/api/v1/guardrails/findings/summary?by=team')).items).toEqual([
      { ...zero, key: 'group:default/shop-team', high: 2, medium: 1, open: 3, exempted: 1 },
      { ...zero, key: 'group:default/platform', high: 1, open: 1 },
      { ...zero, key: 'group:default/search', medium: 1, open: 1 },
    ]);
    expect((await read('/api/v1/guardrails/findings/summary?by=service')).items).toEqual([
      { ...zero, key: 'component:default/checkout', high: 2, medium: 1, open: 3, exempted: 1 },
      { ...zero, key: null, high: 1, medium: 1, open: 2 },
    ]);
    expect((await read('/api/v1/guardrails/findings/summary?by=team&team=search')).items).toEqual([
      { ...zero, key: 'group:default/search', medium: 1, open: 1 },
    ]);
  });

  it('lists the exemptions with their expiry, the soonest first, and the scans', async () => {
    const { items } = await read('/api/v1/guardrails/exemptions');
    expect(items.map((e: { written: string }) => e.written)).toEqual([
      'k8s-run-as-root',
      'k8s-host-path',
      'k8s-privileged',
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const daysTo = (date: string) => Math.round((Date.parse(date) - Date.parse(today)) / 86_400_000);
    const where = {
      target: 'github.com/acme/shop',
      team: 'group:default/shop-team',
      service: 'component:default/checkout',
    };
    expect(items).toEqual([
      {
        ...where,
        rules: ['k8s-run-as-root'],
        written: 'k8s-run-as-root',
        syntax: 'steward-comment',
        reason: 'legacy image',
        approver: null,
        expires: '2020-01-01',
        expired: true,
        daysLeft: daysTo('2020-01-01'),
        file: 'deploy/checkout.yaml',
        line: 10,
        resource: 'Deployment/shop/checkout',
        findings: 1,
        uploadedAt: expect.any(String),
      },
      {
        ...where,
        rules: ['k8s-host-path'],
        written: 'k8s-host-path',
        syntax: 'steward-annotation',
        reason: 'node agent',
        approver: '@sec',
        expires: '2021-06-30',
        expired: true,
        daysLeft: daysTo('2021-06-30'),
        file: 'deploy/checkout.yaml',
        line: 9,
        resource: 'Deployment/shop/checkout',
        findings: 1,
        uploadedAt: expect.any(String),
      },
      {
        ...where,
        rules: ['k8s-privileged'],
        written: 'k8s-privileged',
        syntax: 'steward-annotation',
        reason: 'GPU driver',
        approver: '@security',
        expires: '2099-12-31',
        expired: false,
        daysLeft: daysTo('2099-12-31'),
        file: 'deploy/checkout.yaml',
        line: 8,
        resource: 'Deployment/shop/checkout',
        findings: 1,
        uploadedAt: expect.any(String),
      },
    ]);
    const live = await read('/api/v1/guardrails/exemptions?state=live&team=shop-team');
    expect(live.items.map((e: { written: string }) => e.written)).toEqual(['k8s-privileged']);
    expect((await read('/api/v1/guardrails/exemptions?team=search')).items).toEqual([]);
    expect((await read('/api/v1/guardrails/scans')).items).toEqual([
      {
        target: 'github.com/acme/shop',
        uploadedAt: expect.any(String),
        uploadedBy: 'mia',
        findings: 4,
        exempted: 2,
        problems: 0,
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
