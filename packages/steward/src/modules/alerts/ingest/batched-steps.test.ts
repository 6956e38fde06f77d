// One Alertmanager API v2 message with many alerts is written in a few statements, with the same
// outcome as taking its alerts one by one: each opens once with one escalation job, a resolve repeated
// in the message changes the alert once, one for an alert never seen changes nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../../server/test-steward.ts';
import { createIntegration, uploadServices } from '../alerts.test-support.ts';

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
  const post = async (alerts: object[]) => {
    const response = await steward.call('POST', '/api/v2/alerts', {
      headers: { authorization: `Bearer ${key}` },
      body: alerts,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().alerts as { alertId: string | null; status: string | null }[];
  };

  it('opens each alert once, routed, with one escalation job each', async () => {
    const opened = await post([
      alert('a', 'checkout'),
      alert('b', 'ledger'),
      alert('a', 'checkout'),
      alert('c', 'nothing'),
    ]);
    expect(opened.map((o) => o.status)).toEqual(['triggered', 'triggered', 'triggered', 'triggered']);
    expect(opened[2]?.alertId).toBe(opened[0]?.alertId);
    const ids = [...new Set(opened.map((o) => o.alertId))];
    expect(ids).toHaveLength(3);
    const listed = (await steward.call('GET', '/api/v1/alerts?limit=50', { token: org.tokens.viewer })).json()
      .items as { id: string; team: string; unowned: boolean; labels: Record<string, string> }[];
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
    const outcomes = await post([
      alert('a', 'checkout', true),
      alert('never', 'checkout', true),
      alert('b', 'ledger', true),
      alert('a', 'checkout', true),
      alert('c', 'nothing'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['resolved', null, 'resolved', null, 'triggered']);
    const listed = (await steward.call('GET', '/api/v1/alerts?limit=50', { token: org.tokens.viewer })).json()
      .items as { id: string; status: string; labels: Record<string, string> }[];
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
