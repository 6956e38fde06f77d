// The alerts settings of `steward serve`: the default alert team from the flag or the environment, the
// ingest limit (a positive whole number), the public URL links are made with.
import { describe, expect, it } from 'vitest';
import { loadServeConfig } from '../../platform/config.ts';

describe('alert settings', () => {
  it('takes the default alert team from --default-alert-team over STEWARD_DEFAULT_ALERT_TEAM', () => {
    const env = { STEWARD_DEFAULT_ALERT_TEAM: 'sre' };
    expect(loadServeConfig({}, env, false).defaultAlertTeam).toBe('sre');
    expect(loadServeConfig({ defaultAlertTeam: 'ops' }, env, false).defaultAlertTeam).toBe('ops');
    expect(loadServeConfig({}, {}, false).defaultAlertTeam).toBeUndefined();
  });

  it('bounds ingestion at 64 writes by default, and names the variable when it is wrong', () => {
    expect(loadServeConfig({}, {}, false).alertIngestLimit).toBe(64);
    expect(loadServeConfig({}, { STEWARD_ALERT_INGEST_LIMIT: '8' }, false).alertIngestLimit).toBe(8);
    expect(() => loadServeConfig({}, { STEWARD_ALERT_INGEST_LIMIT: '0' }, false)).toThrow(
      /STEWARD_ALERT_INGEST_LIMIT must be at least 1/,
    );
  });

  it('makes links with STEWARD_PUBLIC_URL, else the address it listens on', () => {
    expect(loadServeConfig({ port: '8080' }, {}, false).publicUrl).toBe('http://127.0.0.1:8080');
    const env = { STEWARD_PUBLIC_URL: 'https://steward.acme.example' };
    expect(loadServeConfig({}, env, false).publicUrl).toBe('https://steward.acme.example');
    expect(() => loadServeConfig({}, { STEWARD_PUBLIC_URL: 'steward' }, false)).toThrow(/STEWARD_PUBLIC_URL/);
  });
});
