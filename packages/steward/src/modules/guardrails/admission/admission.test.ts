// The admission webhook as the API server calls it: AdmissionReview v1 in, the same kind out with the
// request's uid, allowed or a 403 listing the violations, warnings in warn mode, modes by namespace and
// by owning team, dry runs answered but not recorded, a body that is not a review refused naming the
// field, a hard time budget, and the reports of what it saw read per team.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAdmissionConfig } from '../../../platform/config-admission.ts';
import { silentLogger } from '../../../platform/logging.ts';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../../server/test-steward.ts';
import { buildOwnershipIndex } from '../../ownership/index.ts';
import { parsePolicy } from '../engine/policy.ts';
import { defaultScanConfig } from '../engine/scan.ts';
import { scanner } from '../engine/scanners.ts';
import type { GuardrailsTables } from '../tables.ts';
import { createAdmissionService, crossResourceRules } from './admission-service.ts';
import type { AdmissionRequest } from './review.ts';

const catalog = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: search }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations: { backstage.io/kubernetes-id: checkout }
spec: { type: service, lifecycle: production, owner: group:payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: search-api
  annotations: { backstage.io/kubernetes-id: search-api }
spec: { type: service, lifecycle: production, owner: group:search }
`;

/** A container every single-object rule passes; `change` spoils one thing. */
const container = (change: Record<string, unknown> = {}) => ({
  name: 'app',
  image: 'ghcr.io/acme/app:1.4.2',
  ports: [{ containerPort: 8080 }],
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
  livenessProbe: { httpGet: { path: '/livez', port: 8080 } },
  readinessProbe: { httpGet: { path: '/readyz', port: 8080 } },
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 10001,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
    ...change,
  },
});

/** Three replicas: a scan of this file alone would ask for a NetworkPolicy and a PodDisruptionBudget. */
const deployment = (namespace: string, app: string, change: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: app, namespace, labels: { 'backstage.io/kubernetes-id': app } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app } },
    template: {
      metadata: { labels: { app, 'backstage.io/kubernetes-id': app } },
      spec: { automountServiceAccountToken: false, containers: [container(change)] },
    },
  },
});

const review = (uid: string, object: object | null, more: Partial<AdmissionRequest> = {}) => ({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request: {
    uid,
    kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
    resource: { group: 'apps', version: 'v1', resource: 'deployments' },
    operation: 'CREATE',
    namespace: (object as { metadata?: { namespace?: string } } | null)?.metadata?.namespace,
    userInfo: { username: 'alice@example.com', groups: ['system:authenticated'] },
    object,
    oldObject: null,
    dryRun: false,
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    ...more,
  },
});

const writable = { readOnlyRootFilesystem: false };
const privileged = { privileged: true, readOnlyRootFilesystem: false };

describeEachEngine('admission webhook', ({ db }) => {
  let steward: TestSteward;

  beforeAll(async () => {
    steward = await startTestSteward(db(), {
      config: {
        admission: {
          ...defaultAdmissionConfig,
          namespaces: { prod: 'enforce' },
          teams: { search: 'audit', 'group:default/payments': 'warn' },
        },
      },
    });
    const upload = await steward.call('POST', '/api/v1/catalog/sources', {
      token: steward.adminToken,
      body: { kind: 'upload', name: 'services', files: [{ path: 'catalog-info.yaml', content: catalog }] },
    });
    expect((await steward.jobOf(upload)).result.errors).toEqual([]);
  });
  afterAll(() => steward?.close());

  /** Public, as the API server calls it: no token. */
  const validate = async (body: unknown) => steward.call('POST', '/admission/validate', { body });
  const answered = async (body: unknown) => {
    const response = await validate(body);
    expect(response.statusCode, response.body).toBe(200);
    const json = response.json();
    expect(json.apiVersion).toBe('admission.k8s.io/v1');
    expect(json.kind).toBe('AdmissionReview');
    return json.response;
  };
  const reports = async (query = '') => {
    const response = await steward.call('GET', `/api/v1/guardrails/admission-reports${query}`, {
      token: steward.adminToken,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as { uid: string; team: string | null; [k: string]: unknown }[];
  };

  it('admits a clean object with its uid echoed and nothing else; the rules that need other objects are skipped', async () => {
    const object = deployment('shop', 'checkout');
    // Scanned alone as a file, the same Deployment lacks a NetworkPolicy and a PodDisruptionBudget.
    const alone = scanner.scan(
      [{ path: 'checkout.yaml', text: JSON.stringify(object) }],
      defaultScanConfig('2026-01-01'),
    );
    expect(alone.findings.map((f) => f.ruleId).sort()).toEqual([
      'k8s-network-policy',
      'k8s-pod-disruption-budget',
    ]);
    expect(await answered(review('clean-1', object))).toEqual({ uid: 'clean-1', allowed: true });
    expect((await reports()).map((r) => r.uid)).not.toContain('clean-1');
  });

  it('warn mode (the default): admitted, each finding a warning naming rule, resource and fix; recorded for the owning team', async () => {
    const response = await answered(review('warn-1', deployment('shop', 'checkout', writable)));
    expect(response.uid).toBe('warn-1');
    expect(response.allowed).toBe(true);
    expect(response.status).toBeUndefined();
    expect(response.warnings).toHaveLength(1);
    expect(response.warnings[0]).toMatch(
      /^k8s-writable-root-filesystem \(low\) Deployment\/shop\/checkout: .*readOnlyRootFilesystem: true/,
    );
    expect(response.warnings[0].length).toBeLessThanOrEqual(256);
    const [report] = (await reports('?team=payments')).filter((r) => r.uid === 'warn-1');
    expect(report).toMatchObject({
      team: 'group:default/payments',
      namespace: 'shop',
      resource: 'Deployment/shop/checkout',
      operation: 'CREATE',
      mode: 'warn',
      allowed: true,
      user: 'alice@example.com',
      findings: [
        {
          ruleId: 'k8s-writable-root-filesystem',
          severity: 'low',
          resource: 'Deployment/shop/checkout',
          container: 'app',
        },
      ],
    });
  });

  it('enforce mode by namespace: denied with 403 listing the high finding; findings below high stay warnings', async () => {
    const response = await answered(review('deny-1', deployment('prod', 'checkout', privileged)));
    expect(response.uid).toBe('deny-1');
    expect(response.allowed).toBe(false);
    expect(response.status.code).toBe(403);
    expect(response.status.message).toContain('Steward guardrails deny Deployment/prod/checkout');
    expect(response.status.message).toMatch(
      /- k8s-privileged \(high\) Deployment\/prod\/checkout: .*privileged/,
    );
    expect(response.status.message).not.toContain('k8s-writable-root-filesystem');
    expect(response.warnings).toEqual([expect.stringMatching(/^k8s-writable-root-filesystem \(low\)/)]);
    const [report] = (await reports('?namespace=prod')).filter((r) => r.uid === 'deny-1');
    expect(report).toMatchObject({ mode: 'enforce', allowed: false, team: 'group:default/payments' });
  });

  it('enforce mode admits findings below its denyAt (high), as warnings', async () => {
    const response = await answered(review('enforce-low', deployment('prod', 'checkout', writable)));
    expect(response.allowed).toBe(true);
    expect(response.warnings).toEqual([expect.stringMatching(/^k8s-writable-root-filesystem/)]);
  });

  it('audit mode by owning team: admitted silently, recorded for that team; a namespace mode wins over it', async () => {
    expect(await answered(review('audit-1', deployment('shop', 'search-api', privileged)))).toEqual({
      uid: 'audit-1',
      allowed: true,
    });
    const search = await reports('?team=group:default/search');
    expect(search.map((r) => r.uid)).toEqual(['audit-1']);
    expect(search[0]).toMatchObject({ mode: 'audit', allowed: true, team: 'group:default/search' });
    expect(search[0]?.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ ruleId: 'k8s-privileged', severity: 'high' })]),
    );
    const inProd = await answered(review('audit-prod', deployment('prod', 'search-api', privileged)));
    expect(inProd.allowed).toBe(false);
  });

  it('a dry run is answered as any review but never recorded', async () => {
    const response = await answered(
      review('dry-1', deployment('shop', 'checkout', writable), { dryRun: true }),
    );
    expect(response).toMatchObject({ uid: 'dry-1', allowed: true });
    expect(response.warnings).toHaveLength(1);
    const denied = await answered(
      review('dry-2', deployment('prod', 'checkout', privileged), { dryRun: true }),
    );
    expect(denied.allowed).toBe(false);
    const uids = (await reports()).map((r) => r.uid);
    expect(uids).not.toContain('dry-1');
    expect(uids).not.toContain('dry-2');
  });

  it('a pod named by generateName, its namespace only in the request, is judged and owned by its labels', async () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { generateName: 'checkout-7d9f-', labels: { 'backstage.io/kubernetes-id': 'checkout' } },
      spec: { automountServiceAccountToken: false, containers: [container(writable)] },
    };
    const response = await answered(
      review('pod-1', pod, { namespace: 'shop', kind: { group: '', version: 'v1', kind: 'Pod' } }),
    );
    expect(response.warnings).toEqual([
      expect.stringMatching(/^k8s-writable-root-filesystem \(low\) Pod\/shop\/checkout-7d9f-\*: /),
    ]);
    const [report] = (await reports()).filter((r) => r.uid === 'pod-1');
    expect(report).toMatchObject({ team: 'group:default/payments', resource: 'Pod/shop/checkout-7d9f-*' });
  });

  it('a review sent again with the same uid is recorded once; a deletion is admitted unjudged', async () => {
    await answered(review('retry-1', deployment('shop', 'checkout', writable)));
    await answered(review('retry-1', deployment('shop', 'checkout', writable)));
    expect((await reports()).filter((r) => r.uid === 'retry-1')).toHaveLength(1);
    expect(await answered(review('delete-1', null, { operation: 'DELETE', name: 'checkout' }))).toEqual({
      uid: 'delete-1',
      allowed: true,
    });
  });

  it('a body that is not an AdmissionReview v1 is a 400 naming the field', async () => {
    const fields = async (body: unknown) => {
      const response = await validate(body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      return (response.json().errors as { field: string; message: string }[]).map((e) => e.field);
    };
    expect(await fields({ hello: 'world' })).toEqual(
      expect.arrayContaining(['body.apiVersion', 'body.kind', 'body.request']),
    );
    const noUid = review('x', deployment('shop', 'checkout')) as { request: Record<string, unknown> };
    delete noUid.request.uid;
    expect(await fields(noUid)).toEqual(['body.request.uid']);
    const beta = { ...review('x', deployment('shop', 'checkout')), apiVersion: 'admission.k8s.io/v1beta1' };
    const response = await validate(beta);
    expect(response.json().errors).toEqual([
      { field: 'body.apiVersion', message: expect.stringContaining('admissionReviewVersions') },
    ]);
  });

  it('reports are read per team, with a token; a team that is no Group ref is refused', async () => {
    const payments = await reports('?team=payments');
    expect(payments.length).toBeGreaterThan(0);
    expect(new Set(payments.map((r) => r.team))).toEqual(new Set(['group:default/payments']));
    expect(payments.map((r) => r.uid)).toEqual(expect.arrayContaining(['warn-1', 'deny-1', 'pod-1']));
    expect(payments.map((r) => r.uid)).not.toContain('audit-1');
    expect((await reports('?team=nobody')).map((r) => r.uid)).toEqual([]);
    const anonymous = await steward.call('GET', '/api/v1/guardrails/admission-reports');
    expect(anonymous.statusCode).toBe(401);
    const bad = await steward.call('GET', '/api/v1/guardrails/admission-reports?team=group%3A', {
      token: steward.adminToken,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('rules skipped on a single object', () => {
  it('are rules the scanner has (a renamed rule would silently come back)', () => {
    const ids = scanner.rules.map((r) => r.id);
    for (const id of crossResourceRules) expect(ids).toContain(id);
  });
});

describeEachEngine('admission time budget', ({ db }) => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** The catalog's index arrives only after 400 ms: past a 100 ms budget. */
  const slowOwnership = {
    index: async () => {
      await sleep(400);
      return buildOwnershipIndex({ entities: [], codeowners: [] });
    },
  };
  const service = (onTimeout: 'allow' | 'deny') =>
    createAdmissionService({
      db: db().kysely<GuardrailsTables>(),
      scanner,
      ownership: slowOwnership,
      config: { ...defaultAdmissionConfig, mode: 'enforce', timeoutMs: 100, onTimeout },
      policy: null,
      logger: silentLogger(),
    });
  const request = (uid: string): AdmissionRequest => ({
    uid,
    operation: 'CREATE',
    namespace: 'shop',
    object: deployment('shop', 'checkout', privileged),
  });

  describe('past the budget', () => {
    it('fails open by default: admitted with a warning that it went unchecked, within the budget', async () => {
      const started = performance.now();
      const response = await service('allow').review(request('slow-1'));
      expect(performance.now() - started).toBeLessThan(350);
      expect(response).toEqual({
        uid: 'slow-1',
        allowed: true,
        warnings: [
          'Steward guardrails could not finish within 100 ms; admitted unchecked (onTimeout: allow)',
        ],
      });
      await sleep(500);
      const rows = await db()
        .kysely<GuardrailsTables>()
        .selectFrom('guardrails_admission_reports')
        .selectAll()
        .execute();
      expect(rows.map((r) => r.uid)).not.toContain('slow-1');
    });

    it('with onTimeout: deny, refused with 403', async () => {
      const response = await service('deny').review(request('slow-2'));
      expect(response).toMatchObject({ uid: 'slow-2', allowed: false, status: { code: 403 } });
      expect(response.status?.message).toContain('could not finish within 100 ms');
    });
  });
});

describeEachEngine('admission and the policy', ({ db }) => {
  const policyText = `apiVersion: steward.dev/v1
kind: GuardrailsPolicy
spec:
  forbidExemptions:
    - { rule: k8s-privileged, namespaces: [prod], reason: privileged pods need a central exemption }
`;
  const { policy, problems } = parsePolicy('guardrails.yaml', policyText, scanner.rules);
  const service = () =>
    createAdmissionService({
      db: db().kysely<GuardrailsTables>(),
      scanner,
      ownership: { index: async () => buildOwnershipIndex({ entities: [], codeowners: [] }) },
      config: { ...defaultAdmissionConfig, mode: 'enforce', denyAt: 'high' },
      policy,
      logger: silentLogger(),
    });
  /** A privileged Deployment whose annotation exempts it from k8s-privileged. */
  const annotated = (namespace: string) => {
    const object = deployment(namespace, 'driver', privileged);
    return {
      ...object,
      metadata: {
        ...object.metadata,
        annotations: { 'steward.dev/exempt': 'rule=k8s-privileged reason="GPU driver"' },
      },
    };
  };
  const request = (uid: string, namespace: string): AdmissionRequest => ({
    uid,
    operation: 'CREATE',
    namespace,
    object: annotated(namespace),
  });

  it('an annotation cannot exempt what the policy forbids: the object is refused, saying why', async () => {
    expect(problems).toEqual([]);
    const refused = await service().review(request('forbid-1', 'prod'));
    expect(refused).toMatchObject({ uid: 'forbid-1', allowed: false, status: { code: 403 } });
    expect(refused.status?.message).toContain('k8s-privileged (high) Deployment/prod/driver');
    expect(refused.status?.message).toContain(
      'is refused: the policy at guardrails.yaml:5 forbids exempting k8s-privileged in namespace prod in the manifests (privileged pods need a central exemption)',
    );
    // Outside prod the annotation holds: only the writable root filesystem (low) is left, as a warning.
    const admitted = await service().review(request('forbid-2', 'shop'));
    expect(admitted).toMatchObject({ uid: 'forbid-2', allowed: true });
    expect(admitted.warnings?.map((w) => w.split(' ')[0])).toEqual(['k8s-writable-root-filesystem']);
  });
});
