// The demo's past incident, read back through the API as the portal will: closed, its timeline, its
// postmortem with the team's prose, an overdue follow-up on the payments team's list, and in the
// metrics. Seeding again changes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { seedDemoIncident } from './demo-incident.ts';
import type { IncidentTables } from './tables.ts';

describeEachEngine('the demo incident', ({ db }) => {
  let steward: TestSteward;
  const id = '5e7a1d2c-0000-4000-8000-00000000ac01';

  beforeAll(async () => {
    steward = await startTestSteward(db());
    await seedDemoIncident(db().kysely<IncidentTables>());
    await seedDemoIncident(db().kysely<IncidentTables>());
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
  });

  const get = (url: string) => steward.call('GET', url, { token: steward.adminToken });

  it('is a closed SEV2 of payments with its story, postmortem and follow-ups', async () => {
    const incident = (await get(`/api/v1/incidents/${id}`)).json();
    expect(incident).toMatchObject({ state: 'closed', severity: 'SEV2', teams: ['group:default/payments'] });
    // Resolved 47 minutes after it started.
    expect(Date.parse(incident.resolvedAt) - Date.parse(incident.startedAt)).toBe(47 * 60_000);
    const items = (await get(`/api/v1/incidents/${id}/timeline`)).json().items;
    expect(items).toHaveLength(15);
    expect(items.at(-1).text).toBe('amara-nwosu moved it from post-incident to closed');
    expect(items[0].type).toBe('alert');
    const postmortem = (await get(`/api/v1/incidents/${id}/postmortem`)).json();
    expect(postmortem.version).toBe(3);
    expect(postmortem.markdown).toContain('- Duration: 47 min');
    expect(postmortem.markdown).toContain('A typo in the pool size');
    expect(postmortem.markdown).not.toContain('_What made this possible');
    expect(postmortem.markdown).toContain('- [x] Check pool settings');
    const overdue = (await get('/api/v1/follow-ups?team=payments')).json().items;
    expect(overdue.map((f: { title: string }) => f.title)).toEqual([
      'Alert on card-authorisation error rate above 2 % for 2 minutes',
    ]);
    const metrics = (await get('/api/v1/incidents/metrics?team=payments')).json();
    expect(metrics).toMatchObject({ incidents: 1, bySeverity: { SEV2: 1 } });
    expect(metrics.timeToResolve).toEqual({ count: 1, p50Ms: 47 * 60_000, p90Ms: 47 * 60_000 });
  });
});
