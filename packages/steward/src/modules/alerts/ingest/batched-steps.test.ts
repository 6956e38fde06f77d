// One Alertmanager API v2 message with many alerts is accepted as one inbox row and applied in a few
// statements, with the same outcome as taking its alerts one by one: each opens once with one escalation job, a resolve repeated
// in the message changes the alert once, one for an alert never seen changes nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../../server/test-steward.ts';
import { createIntegration, expectAccepted, listAlerts, uploadServices } from '../alerts.test-support.ts';
import { fingerprintOf } from './incoming.ts';

describeEachEngine('a message of many alerts', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let key: string;

  beforeAll(async () => {
    steward = await startTestSteward(db(), { config: { defaultAlertTeam: 'platform' } });
    org = await seedOrg(steward);
    await uploadServices(steward, org.tokens.admin);
    key = (await createIntegration(steward, org.tokens.admin, { type: 'alertmanager', name: 'api' })).key;
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
  });

  const alert = (instance: string, service: string, resolved = false) => ({
    labels: { alertname: 'Batch', service, instance },
    annotations: { summary: `batch ${instance}` },
    ...(resolved ? { endsAt: '2020-01-01T00:00:00Z' } : {}),
  });
  const keyOf = (instance: string, service: string) => fingerprintOf(alert(instance, service).labels);
  const post = (alerts: object[]) =>
    steward.call('POST', '/api/v2/alerts', { headers: { authorization: `Bearer ${key}` }, body: alerts });

  it('opens each alert once, routed, with one escalation job each', async () => {
    const response = await post([
      alert('a', 'checkout'),
      alert('b', 'ledger'),
      alert('a', 'checkout'),
      alert('c', 'nothing'),
    ]);
    expectAccepted(response, [
      [keyOf('a', 'checkout'), 'trigger'],
      [keyOf('b', 'ledger'), 'trigger'],
      [keyOf('a', 'checkout'), 'trigger'],
      [keyOf('c', 'nothing'), 'trigger'],
    ]);
    // The list waits for the request to be applied: one alert per key, the repeated `a` opened once.
    const listed = await listAlerts(steward, org.tokens.viewer);
    expect(listed.map((a) => [a.labels.instance, a.status]).sort()).toEqual([
      ['a', 'triggered'],
      ['b', 'triggered'],
      ['c', 'triggered'],
    ]);
    const ids = listed.map((a) => a.id);
    const teams = Object.fromEntries(listed.map((a) => [a.labels.instance, [a.team, a.unowned]]));
    expect(teams).toEqual({
      a: ['group:default/payments', false],
      b: ['group:default/search', false],
      c: ['group:default/platform', true],
    });
    // One escalation job for the request, naming each alert it opened once.
    const jobs = await sql<{ payload: { alertIds: string[] } }>`
      select payload from steward_job where name in ('alerts.escalate', 'alerts.escalate-opened')`.execute(
      db().kysely(),
    );
    expect(jobs.rows).toHaveLength(1);
    expect([...(jobs.rows[0]?.payload.alertIds ?? [])].sort()).toEqual([...ids].sort());
  });

  it('resolves as if one by one: a repeated resolve changes the alert once, an unknown one nothing', async () => {
    const response = await post([
      alert('a', 'checkout', true),
      alert('never', 'checkout', true),
      alert('b', 'ledger', true),
      alert('a', 'checkout', true),
      alert('c', 'nothing'),
    ]);
    expectAccepted(response, [
      [keyOf('a', 'checkout'), 'resolve'],
      [keyOf('never', 'checkout'), 'resolve'],
      [keyOf('b', 'ledger'), 'resolve'],
      [keyOf('a', 'checkout'), 'resolve'],
      [keyOf('c', 'nothing'), 'trigger'],
    ]);
    // Applied: a and b resolved, c (already open) still the one alert, and nothing for `never`.
    const listed = await listAlerts(steward, org.tokens.viewer);
    expect(listed).toHaveLength(3);
    expect(Object.fromEntries(listed.map((a) => [a.labels.instance, a.status]))).toEqual({
      a: 'resolved',
      b: 'resolved',
      c: 'triggered',
    });
    const a = listed.find((x) => x.labels.instance === 'a');
    const detail = (
      await steward.call('GET', `/api/v1/alerts/${a?.id}`, { token: org.tokens.viewer })
    ).json();
    expect(detail.timeline.map((t: { status: string; text: string }) => [t.status, t.text])).toEqual([
      ['triggered', 'triggered by integration:api'],
      ['resolved', 'resolved by integration:api (alertmanager-api sent resolve)'],
    ]);
    expect(detail).toMatchObject({ resolvedBy: 'integration:api' });
  });
});
