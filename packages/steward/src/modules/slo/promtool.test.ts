// Generated rules through Prometheus' own rule engine: `promtool check rules` on every file, and
// `promtool test rules` with series that must fire each alert (page, ticket, absent) and series that
// must not (healthy traffic; too little traffic under the minimum-traffic guard).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSpecs } from './engine/compile.ts';
import { parseDuration } from './engine/durations.ts';

const promtool = '/usr/bin/promtool';
const dir = mkdtempSync(join(tmpdir(), 'steward-slo-promtool-'));
const testdata = (name: string) =>
  readFileSync(new URL(`./engine/testdata/${name}`, import.meta.url), 'utf8');

function rulesFile(name: string, spec: string, extras = {}): string {
  const result = compileSpecs([{ file: name, text: testdata(spec) }], { extras });
  expect(result.problems).toEqual([]);
  const file = join(dir, `${name}.rules.yaml`);
  writeFileSync(file, result.rules);
  return file;
}

function run(args: string[]) {
  const result = spawnSync(promtool, args, { encoding: 'utf8' });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

/** One promtool test: per-minute counters for 200 and 500 answers, and the alerts expected at `at`. */
function unitTest(
  rules: string,
  ok: number,
  failed: number,
  at: string,
  alerts: Record<string, object[]>,
): string {
  const file = join(dir, `test-${Math.random().toString(36).slice(2)}.yaml`);
  // Samples up to the evaluation time only: promtool evaluates every rule at every step given.
  const minutes = (parseDuration(at) ?? 0) / 60_000 + 1;
  const series = (code: string, perMinute: number) =>
    `      - series: 'http_requests_total{job="api",code="${code}"}'\n        values: '0+${perMinute}x${minutes}'`;
  const tests = Object.entries(alerts)
    .map(
      ([name, exp]) =>
        `      - eval_time: ${at}\n        alertname: ${name}\n        exp_alerts: ${JSON.stringify(exp)}`,
    )
    .join('\n');
  writeFileSync(
    file,
    `rule_files: [${JSON.stringify(rules)}]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n${series('200', ok)}\n${series('500', failed)}\n    alert_rule_test:\n${tests}\n`,
  );
  return file;
}

const ids = {
  sloth_id: 'api-requests-availability',
  sloth_service: 'api',
  sloth_slo: 'requests-availability',
};
const annotations = (severity: string) => ({
  title: `(${severity}) api requests-availability SLO error budget burn rate is too fast.`,
  summary: 'api requests-availability SLO error budget burn rate is over expected.',
});

describe('generated rules in promtool', { timeout: 120_000 }, () => {
  const sloth = rulesFile('sloth-api', 'sloth-api.yaml');
  const guarded = rulesFile('sloth-api-guarded', 'sloth-api.yaml', {
    minTraffic: 10,
    absentForMs: 10 * 60_000,
  });

  it('pass promtool check rules (Sloth, extras, and the published in-base spec, OpenSLO)', () => {
    const base = rulesFile('in-base', 'sloth-in-base.yaml');
    const openslo = rulesFile('openslo', 'openslo-checkout.yaml');
    const { code, out } = run(['check', 'rules', sloth, guarded, base, openslo]);
    expect(out).not.toMatch(/FAILED|WARNING/);
    expect(code).toBe(0);
  });

  it('fire the page and the ticket alert when 10% of requests fail for two hours', () => {
    // 10% errors against a 0.1% budget: a burn rate of 100, over every factor (14.4, 6, 3, 1).
    const test = unitTest(sloth, 5400, 600, '2h', {
      ApiAvailabilityBurn: [
        { exp_labels: { ...ids, sloth_severity: 'page' }, exp_annotations: annotations('page') },
        { exp_labels: { ...ids, sloth_severity: 'ticket' }, exp_annotations: annotations('ticket') },
      ],
    });
    const { code, out } = run(['test', 'rules', test]);
    expect(out).toContain('SUCCESS');
    expect(code).toBe(0);
  });

  it('fire only the ticket alert at a slow burn (2x) and nothing for healthy traffic', () => {
    // 0.2% errors: burn rate 2, over the ticket slow factor (1) but under page factors (14.4, 6) and 3.
    const slow = unitTest(sloth, 5988, 12, '3h', {
      ApiAvailabilityBurn: [
        { exp_labels: { ...ids, sloth_severity: 'ticket' }, exp_annotations: annotations('ticket') },
      ],
    });
    expect(run(['test', 'rules', slow]).out).toContain('SUCCESS');
    // 0.05% errors: half the budget's rate; no alert at all.
    const healthy = unitTest(sloth, 5997, 3, '3d', { ApiAvailabilityBurn: [] });
    expect(run(['test', 'rules', healthy]).out).toContain('SUCCESS');
  });

  it('hold burn alerts below the minimum traffic, and alert when the metrics are absent', () => {
    // 1 request/s (below the guard's 10/s), all failing: no burn alert.
    const quiet = unitTest(guarded, 0, 60, '2h', { ApiAvailabilityBurn: [] });
    expect(run(['test', 'rules', quiet]).out).toContain('SUCCESS');
    // 100 requests/s at 10% errors: above the guard, both alerts fire.
    const busy = unitTest(guarded, 5400, 600, '1d', {
      ApiAvailabilityBurn: [
        { exp_labels: { ...ids, sloth_severity: 'page' }, exp_annotations: annotations('page') },
        { exp_labels: { ...ids, sloth_severity: 'ticket' }, exp_annotations: annotations('ticket') },
      ],
      SLOMetricsAbsent: [],
    });
    expect(run(['test', 'rules', busy]).out).toContain('SUCCESS');
    const absentFile = join(dir, 'absent.yaml');
    writeFileSync(
      absentFile,
      `rule_files: [${JSON.stringify(guarded)}]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n      - series: 'other_metric'\n        values: '1x30'\n    alert_rule_test:\n      - eval_time: 15m\n        alertname: SLOMetricsAbsent\n        exp_alerts:\n          - exp_labels: ${JSON.stringify({ ...ids, sloth_severity: 'ticket' })}\n            exp_annotations:\n              title: '(ticket) api requests-availability SLO has no data: its SLI metrics are absent.'\n              summary: 'No samples for the requests-availability SLI of api: the SLO cannot be judged. Check the exporter and the query.'\n`,
    );
    const absent = run(['test', 'rules', absentFile]);
    expect(absent.out).toContain('SUCCESS');
  });
});
