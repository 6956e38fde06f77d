// SLO specs attached to catalog services: compiled when the source is read, stored with it (gone with
// it), listed by service and team, each with its rules; problems in a spec are positioned catalog
// problems and leave the service in the catalog.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { day } from './engine/durations.ts';
import { prometheusApi } from './prometheus.ts';
import { sloStatus } from './slo-status.ts';

const catalogInfo = (specs: string, service = 'checkout', team = 'payments') =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    `metadata: { name: ${team} }`,
    'spec: { type: team, children: [] }',
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${service}`,
    '  annotations:',
    `    steward.dev/slo-spec: ${specs}`,
    `spec: { type: service, lifecycle: production, owner: ${team} }`,
    '',
  ].join('\n');

const slothSpec = [
  'version: prometheus/v1',
  'service: checkout',
  'slos:',
  '  - name: requests-availability',
  '    objective: 99.9',
  '    description: Checkout answers.',
  '    sli:',
  '      events:',
  '        error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))',
  '        total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))',
  '    alerting:',
  '      name: CheckoutAvailability',
  '      page_alert: { labels: { severity: page } }',
  '      ticket_alert: { labels: { severity: ticket } }',
  '',
].join('\n');

const openSloSpec = [
  'apiVersion: openslo/v1',
  'kind: SLO',
  'metadata: { name: latency }',
  'spec:',
  '  service: checkout',
  '  budgetingMethod: Occurrences',
  '  timeWindow: [{ duration: 28d, isRolling: true }]',
  '  objectives: [{ target: 0.99 }]',
  '  indicator:',
  '    metadata: { name: latency-sli }',
  '    spec:',
  '      ratioMetric:',
  '        counter: true',
  '        good: { metricSource: { type: Prometheus, spec: { query: \'sum(rate(http_request_duration_seconds_bucket{job="checkout",le="0.3"}[{{.window}}]))\' } } }',
  '        total: { metricSource: { type: Prometheus, spec: { query: \'sum(rate(http_request_duration_seconds_count{job="checkout"}[{{.window}}]))\' } } }',
  '',
].join('\n');

describeEachEngine('SLOs attached to catalog services', ({ db }) => {
  let steward: TestSteward;
  const get = (url: string) => steward.call('GET', url, { token: steward.adminToken });
  const upload = async (files: { path: string; content: string }[]) =>
    steward.jobOf(
      await steward.call('POST', '/api/v1/catalog/sources', {
        token: steward.adminToken,
        body: { kind: 'upload', name: 'payments-repo', files },
      }),
    );

  beforeAll(async () => {
    steward = await startTestSteward(db(), { gitAllowLocal: true });
  });
  afterAll(() => steward?.close());

  it('compiles both spec forms at ingest; lists them with service, team, objective, period, groups', async () => {
    const job = await upload([
      { path: 'catalog-info.yaml', content: catalogInfo('./slos/availability.yaml, slos/latency.yaml') },
      { path: 'slos/availability.yaml', content: slothSpec },
      { path: 'slos/latency.yaml', content: openSloSpec },
    ]);
    expect(job.state).toBe('succeeded');
    expect(job.result.errors).toEqual([]);
    const list = (await get('/api/v1/slos')).json();
    expect(list.items).toEqual([
      {
        // As Sloth names an OpenSLO SLO: its name and the objective's index.
        id: 'checkout-latency-0',
        name: 'latency-0',
        description: '',
        service: 'component:default/checkout',
        team: 'group:default/payments',
        slothService: 'checkout',
        objective: 99,
        period: '4w',
        spec: 'openslo/v1',
        file: 'slos/latency.yaml',
        line: expect.any(Number),
        ruleGroups: [
          'sloth-slo-sli-recordings-checkout-latency-0',
          'sloth-slo-meta-recordings-checkout-latency-0',
        ],
      },
      {
        id: 'checkout-requests-availability',
        name: 'requests-availability',
        description: 'Checkout answers.',
        service: 'component:default/checkout',
        team: 'group:default/payments',
        slothService: 'checkout',
        objective: 99.9,
        period: '30d',
        spec: 'prometheus/v1',
        file: 'slos/availability.yaml',
        line: 4,
        ruleGroups: [
          'sloth-slo-sli-recordings-checkout-requests-availability',
          'sloth-slo-meta-recordings-checkout-requests-availability',
          'sloth-slo-alerts-checkout-requests-availability',
        ],
      },
    ]);
  });

  it('filters by service and by owning team, by name or ref', async () => {
    const ids = async (query: string) =>
      (await get(`/api/v1/slos?${query}`)).json().items.map((s: { id: string }) => s.id);
    expect(await ids('service=checkout')).toHaveLength(2);
    expect(await ids('service=component:default/checkout')).toHaveLength(2);
    expect(await ids('service=ledger')).toEqual([]);
    expect(await ids('team=payments')).toHaveLength(2);
    expect(await ids('team=group:default/sre')).toEqual([]);
  });

  it('shows one SLO with its own rules, and says no Prometheus is configured instead of failing', async () => {
    const response = await get('/api/v1/slos/checkout-requests-availability');
    expect(response.statusCode).toBe(200);
    const slo = response.json();
    // Sloth's shape: the SLI recordings over each window, the metadata rules, both burn alerts.
    expect(slo.rules).toContain('- name: sloth-slo-sli-recordings-checkout-requests-availability');
    expect(slo.rules).toContain('record: slo:sli_error:ratio_rate5m');
    expect(slo.rules).toContain('record: slo:period_error_budget_remaining:ratio');
    expect(slo.rules).toContain('alert: CheckoutAvailability');
    expect(slo.rules).not.toContain('checkout-latency-0');
    expect(slo.status).toMatchObject({ state: 'no-prometheus', budgetRemaining: null, burnDown: [] });
    expect(slo.status.message).toContain('STEWARD_PROMETHEUS_URL');
    const missing = await get('/api/v1/slos/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toContain('GET /api/v1/slos');
  });

  it('an SLO id another source holds is a problem; the first keeps it', async () => {
    const job = await steward.jobOf(
      await steward.call('POST', '/api/v1/catalog/sources', {
        token: steward.adminToken,
        body: {
          kind: 'upload',
          name: 'copy-repo',
          files: [
            { path: 'catalog-info.yaml', content: catalogInfo('./slo.yaml', 'checkout-copy', 'copiers') },
            { path: 'slo.yaml', content: slothSpec },
          ],
        },
      }),
    );
    const problems = [...job.result.errors, ...job.result.warnings].map(
      (p: { code: string; file: string; line: number; message: string }) => [p.file, p.line, p.message],
    );
    expect(problems).toEqual([
      // Line 4 of slo.yaml is where the SLO is written.
      [
        'slo.yaml',
        4,
        expect.stringContaining(
          '"checkout-requests-availability" is already defined by another catalog source',
        ),
      ],
      [
        'slo.yaml',
        4,
        expect.stringContaining('routed to the component of that name; write service: checkout-copy'),
      ],
    ]);
    const held = (await get('/api/v1/slos/checkout-requests-availability')).json();
    expect(held.service).toBe('component:default/checkout');
    const sources = (await get('/api/v1/catalog/sources')).json().items;
    const copy = sources.find((s: { name: string }) => s.name === 'copy-repo');
    await steward.jobOf(
      await steward.call('DELETE', `/api/v1/catalog/sources/${copy.id}`, { token: steward.adminToken }),
    );
  });

  it('a bad spec is a positioned problem on the service, which stays; its SLOs are gone', async () => {
    const bad = slothSpec.replace('objective: 99.9', 'objective: 101');
    const job = await upload([
      { path: 'catalog-info.yaml', content: catalogInfo('./slos/availability.yaml') },
      { path: 'slos/availability.yaml', content: bad },
    ]);
    expect(job.state).toBe('succeeded');
    const [problem, ...others] = job.result.errors;
    expect(others).toEqual([]);
    // Line 5 is `    objective: 101`; the value starts in column 16.
    expect(problem).toMatchObject({
      file: 'slos/availability.yaml',
      line: 5,
      column: 16,
      entity: 'component:default/checkout',
    });
    expect(problem.message).toContain('objective');
    expect((await get('/api/v1/entities/component/default/checkout')).statusCode).toBe(200);
    expect((await get('/api/v1/slos')).json().items).toEqual([]);
  });

  it('a spec path that is missing, or a link out of the source, is named at the entity', async () => {
    // A repository whose spec is a symbolic link to a file outside it (never read, never quoted).
    const secret = join(mkdtempSync(join(tmpdir(), 'steward-outside-')), 'secret.yaml');
    writeFileSync(secret, 'version: prometheus/v1 # secret-marker\n');
    const repo = mkdtempSync(join(tmpdir(), 'steward-slo-repo-'));
    mkdirSync(join(repo, 'slos'));
    writeFileSync(
      join(repo, 'catalog-info.yaml'),
      catalogInfo('./slos/gone.yaml, ./slos/link.yaml', 'ledger', 'finance'),
    );
    symlinkSync(secret, join(repo, 'slos', 'link.yaml'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'catalog');
    const job = await steward.jobOf(
      await steward.call('POST', '/api/v1/catalog/sources', {
        token: steward.adminToken,
        body: { kind: 'git', url: repo, name: 'linked-repo' },
      }),
    );
    expect(job.state).toBe('succeeded');
    const errors = job.result.errors.map((p: { code: string; file: string; line: number }) => [
      p.code,
      p.file,
      p.line,
    ]);
    // The Component's document starts on line 6 of catalog-info.yaml.
    expect(errors).toEqual([
      ['target-not-found', 'catalog-info.yaml', 6],
      ['path-escapes-root', 'catalog-info.yaml', 6],
    ]);
    expect(job.result.errors[0].message).toContain('slos/gone.yaml');
    expect(JSON.stringify(job.result)).not.toContain('secret-marker');
    const sources = (await get('/api/v1/catalog/sources')).json().items;
    const source = sources.find((s: { name: string }) => s.name === 'linked-repo');
    await steward.jobOf(
      await steward.call('DELETE', `/api/v1/catalog/sources/${source.id}`, { token: steward.adminToken }),
    );
  });

  it("a source's SLOs go with the source", async () => {
    await upload([
      { path: 'catalog-info.yaml', content: catalogInfo('./slos/availability.yaml') },
      { path: 'slos/availability.yaml', content: slothSpec },
    ]);
    expect((await get('/api/v1/slos')).json().items).toHaveLength(1);
    const sources = (await get('/api/v1/catalog/sources')).json().items;
    const source = sources.find((s: { name: string }) => s.name === 'payments-repo');
    const removed = await steward.call('DELETE', `/api/v1/catalog/sources/${source.id}`, {
      token: steward.adminToken,
    });
    await steward.jobOf(removed);
    expect((await get('/api/v1/slos')).json().items).toEqual([]);
  });
});

describe('SLO status with a Prometheus that does not answer', () => {
  it('is a state saying unreachable and why, not an error', async () => {
    // A port just given up: nothing listens, the connection is refused at once.
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const prometheus = prometheusApi(`http://steward:secret@127.0.0.1:${port}`);
    const status = await sloStatus(
      prometheus,
      { id: 'checkout-x', objective: 99, periodMs: 30 * day },
      new Date(),
    );
    expect(status).toMatchObject({ state: 'unreachable', budgetRemaining: null, burnRates: [] });
    expect(status.message).toContain('ECONNREFUSED');
    expect(status.message).not.toContain('secret');
  });
});
