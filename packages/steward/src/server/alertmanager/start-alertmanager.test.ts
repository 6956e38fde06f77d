// The harness alone, before Steward is in the picture: a real Alertmanager starts, takes an alert on
// its API v2 and answers it back, and stops cleanly.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAlertmanager, startAlertmanager } from './start-alertmanager.ts';

const config = {
  route: { receiver: 'nowhere', group_by: ['alertname'] },
  receivers: [{ name: 'nowhere' }],
};

describe('startAlertmanager', () => {
  let am: RunningAlertmanager;
  beforeAll(async () => {
    am = await startAlertmanager({ config });
  });
  afterAll(async () => {
    await am?.stop();
  });

  it('answers ready and reports the version it is', async () => {
    const status = await (await fetch(`${am.url}/api/v2/status`)).json();
    expect(status.versionInfo.version).toMatch(/^0\.\d+\.\d+/);
    expect(status.cluster.status).toBe('disabled');
  });

  it('holds an alert posted to /api/v2/alerts and answers it from GET /api/v2/alerts', async () => {
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    await am.postAlerts([
      {
        labels: { alertname: 'HarnessCheck', service: 'checkout', severity: 'critical' },
        annotations: { summary: 'posted by the harness test' },
        startsAt,
      },
    ]);
    const alerts = await am.alerts();
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert?.labels).toEqual({ alertname: 'HarnessCheck', service: 'checkout', severity: 'critical' });
    expect(alert?.annotations).toEqual({ summary: 'posted by the harness test' });
    expect(Date.parse(alert?.startsAt ?? '')).toBe(Date.parse(startsAt));
    expect(alert?.receivers.map((r) => r.name)).toEqual(['nowhere']);
  });

  it('stops the process and removes its directory', async () => {
    const other = await startAlertmanager({ config });
    expect(existsSync(other.dir)).toBe(true);
    await other.stop();
    expect(other.child.exitCode ?? other.child.signalCode).not.toBeNull();
    expect(existsSync(other.dir)).toBe(false);
    await expect(fetch(`${other.url}/-/ready`)).rejects.toThrow();
  });

  it('says what is wrong when the config is not valid', async () => {
    await expect(startAlertmanager({ config: 'route: [not a route' })).rejects.toThrow(/exited/);
  });
});
