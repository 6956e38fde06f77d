// SLO specs found beside the catalog, not attached by any annotation: known by what they declare
// (Sloth's version: prometheus/v1, OpenSLO's apiVersion: openslo/v1), each belonging to the catalog
// service it names; one naming a service not in the catalog is a positioned problem saying the name
// that would be right; a link out of the source is never read.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';

const lines = (...text: string[]) => `${text.join('\n')}\n`;

const catalogInfo = (service: string, team: string) =>
  lines(
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    `metadata: { name: ${team} }`,
    'spec: { type: team, children: [] }',
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    `metadata: { name: ${service} }`,
    `spec: { type: service, lifecycle: production, owner: ${team} }`,
  );

const sloth = (service: string) =>
  lines(
    '# Checkout availability',
    'version: "prometheus/v1"',
    `service: ${service}`,
    'slos:',
    '  - name: requests-availability',
    '    objective: 99.9',
    '    sli:',
    '      events:',
    '        error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))',
    '        total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))',
    '    alerting:',
    '      name: CheckoutAvailability',
    '      page_alert: { labels: { severity: page } }',
    '      ticket_alert: { labels: { severity: ticket } }',
  );

const openSlo = (service: string) =>
  lines(
    'apiVersion: openslo/v1',
    'kind: SLO',
    'metadata: { name: latency }',
    'spec:',
    `  service: ${service}`,
    '  budgetingMethod: Occurrences',
    '  timeWindow: [{ duration: 28d, isRolling: true }]',
    '  objectives: [{ target: 0.99 }]',
    '  indicatorRef: latency-sli',
    '---',
    'apiVersion: openslo/v1',
    'kind: SLI',
    'metadata: { name: latency-sli }',
    'spec:',
    '  ratioMetric:',
    '    counter: true',
    '    good: { metricSource: { type: Prometheus, spec: { query: \'sum(rate(x_bucket{le="0.3"}[{{.window}}]))\' } } }',
    "    total: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(x_count[{{.window}}]))' } } }",
  );

interface Problem {
  file: string;
  line: number;
  column: number;
  entity: string | null;
  code: string;
  message: string;
}

describeEachEngine('SLO specs beside the catalog', ({ db }) => {
  let steward: TestSteward;
  const get = (url: string) => steward.call('GET', url, { token: steward.adminToken });
  const source = async (body: Record<string, unknown>) =>
    steward.jobOf(await steward.call('POST', '/api/v1/catalog/sources', { token: steward.adminToken, body }));
  const upload = (name: string, files: { path: string; content: string }[]) =>
    source({ kind: 'upload', name, files });
  const remove = async (name: string) => {
    const sources = (await get('/api/v1/catalog/sources')).json().items;
    const found = sources.find((s: { name: string }) => s.name === name);
    await steward.jobOf(
      await steward.call('DELETE', `/api/v1/catalog/sources/${found.id}`, { token: steward.adminToken }),
    );
  };

  beforeAll(async () => {
    steward = await startTestSteward(db(), { gitAllowLocal: true });
  });
  afterAll(() => steward?.close());

  it('loads Sloth and OpenSLO files found in the source, each SLO on the service it names', async () => {
    const job = await upload('checkout-repo', [
      { path: 'catalog-info.yaml', content: catalogInfo('checkout', 'payments') },
      { path: 'slos/availability.yaml', content: sloth('checkout') },
      // Under catalog/, where every YAML is read as entities: a spec is known by what it declares.
      { path: 'catalog/latency.yml', content: openSlo('checkout') },
      // YAML that declares neither is no spec, and no problem.
      { path: 'deploy/values.yaml', content: lines('version: 2', 'service: checkout') },
    ]);
    expect(job.state).toBe('succeeded');
    // No problem: the OpenSLO file under catalog/ was not read as entities (kind SLO is no catalog kind).
    expect(job.result.errors).toEqual([]);
    expect(job.result.warnings).toEqual([]);
    const items = (await get('/api/v1/slos')).json().items;
    expect(items.map((s: Record<string, unknown>) => [s.id, s.service, s.team, s.file, s.line])).toEqual([
      // The OpenSLO objective is on line 8 of its file; the Sloth SLO on line 5.
      [
        'checkout-latency-0',
        'component:default/checkout',
        'group:default/payments',
        'catalog/latency.yml',
        8,
      ],
      [
        'checkout-requests-availability',
        'component:default/checkout',
        'group:default/payments',
        'slos/availability.yaml',
        5,
      ],
    ]);
    await remove('checkout-repo');
  });

  it('a spec naming a service not in the catalog is a positioned error saying the right name', async () => {
    const job = await upload('typo-repo', [
      { path: 'catalog-info.yaml', content: catalogInfo('checkout', 'payments') },
      { path: 'slos/availability.yaml', content: sloth('chekout') },
      { path: 'slos/latency.yaml', content: openSlo('nowhere-at-all') },
    ]);
    expect(job.state).toBe('succeeded');
    const errors = job.result.errors as Problem[];
    expect(errors.map((p) => [p.file, p.line, p.column, p.entity, p.code])).toEqual([
      // `service: chekout` is line 3, its value from column 10; `  service: nowhere-at-all` line 5, column 12.
      ['slos/availability.yaml', 3, 10, null, 'invalid-value'],
      ['slos/latency.yaml', 5, 12, null, 'invalid-value'],
    ]);
    expect(errors[0]?.message).toContain('the service "chekout" is not in the catalog');
    expect(errors[0]?.message).toContain('write service: checkout');
    // Nothing near: the source's services are named instead.
    expect(errors[1]?.message).toContain("name one of this source's services (checkout)");
    expect((await get('/api/v1/slos')).json().items).toEqual([]);
    const sources = (await get('/api/v1/catalog/sources')).json().items;
    expect(sources.find((s: { name: string }) => s.name === 'typo-repo').status).toBe('errors');
    // The service itself stays in the catalog.
    expect((await get('/api/v1/entities/component/default/checkout')).statusCode).toBe(200);
    await remove('typo-repo');
  });

  it('a spec may name a service another source holds; an invalid spec beside is positioned', async () => {
    await upload('ledger-catalog', [
      { path: 'catalog-info.yaml', content: catalogInfo('ledger', 'finance') },
    ]);
    const job = await upload('ledger-slos', [
      { path: 'slos/ledger.yaml', content: sloth('ledger') },
      {
        path: 'slos/bad.yaml',
        content: sloth('ledger')
          .replace('objective: 99.9', 'objective: 100.5')
          .replace('requests-', 'payouts-'),
      },
    ]);
    const errors = job.result.errors as Problem[];
    // `    objective: 100.5` is line 6 of bad.yaml; the value starts in column 16.
    expect(errors.map((p) => [p.file, p.line, p.column])).toEqual([['slos/bad.yaml', 6, 16]]);
    expect(errors[0]?.message).toContain('100.5 is not a valid objective');
    // The good file's SLO is kept, on the other source's service, owned by its team.
    const items = (await get('/api/v1/slos')).json().items;
    expect(items.map((s: Record<string, unknown>) => [s.id, s.service, s.team, s.file])).toEqual([
      [
        'ledger-requests-availability',
        'component:default/ledger',
        'group:default/finance',
        'slos/ledger.yaml',
      ],
    ]);
    await remove('ledger-slos');
    await remove('ledger-catalog');
  });

  it('reports a spec holding a NUL where it is, and stores nothing of it', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'steward-beside-nul-'));
    mkdirSync(join(repo, 'slos'));
    writeFileSync(join(repo, 'catalog-info.yaml'), catalogInfo('checkout', 'payments'));
    // Line 1 is `# Checkout availability`: the NUL follows `# Checkout`, in column 11.
    writeFileSync(
      join(repo, 'slos', 'nul.yaml'),
      sloth('checkout').replace('# Checkout', '# Checkout\u0000'),
    );
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'catalog');
    const job = await source({ kind: 'git', url: repo, name: 'nul-slos' });
    expect(job.state).toBe('succeeded');
    expect(job.result.errors.map((p: Problem) => [p.code, p.file, p.line, p.column])).toEqual([
      ['invalid-character', 'slos/nul.yaml', 1, 11],
    ]);
    expect((await get('/api/v1/slos')).json().items).toEqual([]);
    await remove('nul-slos');
  });

  it('never reads a spec that is a link out of the source', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'steward-outside-'));
    writeFileSync(join(outside, 'secret.yaml'), sloth('checkout').replace('# Checkout', '# secret-marker'));
    const repo = mkdtempSync(join(tmpdir(), 'steward-beside-repo-'));
    mkdirSync(join(repo, 'slos'));
    writeFileSync(join(repo, 'catalog-info.yaml'), catalogInfo('checkout', 'payments'));
    symlinkSync(join(outside, 'secret.yaml'), join(repo, 'slos', 'linked.yaml'));
    symlinkSync(outside, join(repo, 'slos', 'linked-dir'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'catalog');
    const job = await source({ kind: 'git', url: repo, name: 'linked-slos' });
    expect(job.state).toBe('succeeded');
    expect(JSON.stringify(job.result)).not.toContain('secret-marker');
    expect(job.result.warnings.map((p: Problem) => [p.code, p.file])).toEqual([
      ['path-escapes-root', 'slos/linked-dir'],
      ['path-escapes-root', 'slos/linked.yaml'],
    ]);
    expect((await get('/api/v1/slos')).json().items).toEqual([]);
    await remove('linked-slos');
  });
});
