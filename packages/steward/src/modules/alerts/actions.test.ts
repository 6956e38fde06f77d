// What people do with an alert: acknowledge and resolve through the API (members, as themselves,
// idempotent, audited) or through a signed link (GET only asks; POST acts; a tampered or expired link
// is refused). Each new alert gets its escalation job, and every change its domain event.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { linkSigner } from './action-links.ts';
import { alertWithLabels, createIntegration, expectAccepted, uploadServices } from './alerts.test-support.ts';
import { fingerprintOf } from './ingest/incoming.ts';
import type { AlertTables } from './tables.ts';

describeEachEngine('acknowledging and resolving alerts', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let key: string;
  let n = 0;

  beforeAll(async () => {
    steward = await startTestSteward(db(), { config: { publicUrl: 'https://steward.example' } });
    org = await seedOrg(steward);
    await uploadServices(steward, org.tokens.admin);
    key = (await createIntegration(steward, org.tokens.admin, { type: 'alertmanager', name: 'am' })).key;
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
  });

  const fire = async () => {
    const labels = { alertname: 'HighLatency', service: 'checkout', instance: `i-${n++}` };
    const response = await steward.call('POST', '/api/v2/alerts', {
      body: [{ labels }],
      headers: { authorization: `Bearer ${key}` },
    });
    expectAccepted(response, [[fingerprintOf(labels), 'trigger']]);
    // Accepted, not yet applied: the list catches up with it.
    return (await alertWithLabels(steward, org.tokens.viewer, { instance: labels.instance })).id;
  };
  const get = async (id: string) =>
    (await steward.call('GET', `/api/v1/alerts/${id}`, { token: org.tokens.viewer })).json();
  const act = (id: string, action: string, token: string) =>
    steward.call('POST', `/api/v1/alerts/${id}/${action}`, { token });

  it('acknowledges then resolves as the caller, once each, audited; viewers may not', async () => {
    const id = await fire();
    expect((await act(id, 'acknowledge', org.tokens.viewer)).statusCode).toBe(403);
    const acked = await act(id, 'acknowledge', org.tokens.member);
    expect(acked.statusCode, acked.body).toBe(200);
    expect(acked.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'mia' });
    // Again, and by someone else: nothing changes.
    expect((await act(id, 'acknowledge', org.tokens.teammate)).json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'mia',
    });
    expect((await act(id, 'resolve', org.tokens.teammate)).json()).toMatchObject({
      status: 'resolved',
      resolvedBy: 'noah',
    });
    expect((await act(id, 'acknowledge', org.tokens.member)).json().status).toBe('resolved');
    const alert = await get(id);
    expect(alert.timeline.map((t: { status: string; by: string }) => [t.status, t.by])).toEqual([
      ['triggered', 'integration:am'],
      ['acknowledged', 'mia'],
      ['resolved', 'noah'],
    ]);
    const audit = await steward.call('GET', `/api/v1/audit?subjectType=alert&subjectId=${id}`, {
      token: org.tokens.admin,
    });
    expect(
      audit
        .json()
        .items.map((e: { action: string; actor: string }) => [e.action, e.actor])
        .sort(),
    ).toEqual([
      ['alert.acknowledge', 'mia'],
      ['alert.resolve', 'noah'],
    ]);
    const events = await sql<{
      name: string;
    }>`select name from steward_event where data->>'alertId' = ${id} order by seq`.execute(db().kysely());
    expect(events.rows.map((e) => e.name)).toEqual([
      'alerts.opened',
      'alerts.acknowledged',
      'alerts.resolved',
    ]);
    expect((await act('no-such-alert', 'resolve', org.tokens.member)).statusCode).toBe(404);
  });

  it('records from its escalation job, once, that no policy covers the alert', async () => {
    const id = await fire();
    const noPolicy = 'no escalation policy: nobody is notified; the alert stays triggered';
    let hops: { text: string }[] = [];
    for (let i = 0; i < 200 && !hops.some((h) => h.text === noPolicy); i++) {
      hops = (await get(id)).hops;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(hops.filter((h) => h.text === noPolicy)).toHaveLength(1);
    expect((await get(id)).escalation).toMatchObject({ state: 'no-policy', policy: null, nextAt: null });
  });

  it('acts on a signed link only by POST, and refuses a tampered or expired one', async () => {
    const id = await fire();
    // Signed elsewhere with the secret every server shares (it is in the database).
    const signer = linkSigner(db().kysely<AlertTables>(), 'https://steward.example');
    const links = await signer.actionLinks(id, { person: 'user:default/noah' });
    expect(links.acknowledge).toMatch(/^https:\/\/steward\.example\/api\/v1\/alert-links\//);
    const path = (url: string) => url.replace('https://steward.example', '');

    const page = await steward.call('GET', path(links.acknowledge));
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<form method="post"');
    expect((await get(id)).status).toBe('triggered'); // a link scanner's GET changed nothing

    const tampered = path(links.acknowledge).replace(
      'person=user%3Adefault%2Fnoah',
      'person=user%3Adefault%2Fmia',
    );
    expect(tampered).not.toBe(path(links.acknowledge));
    expect((await steward.call('POST', tampered)).statusCode).toBe(403);
    const otherAction = path(links.acknowledge).replace('/acknowledge?', '/resolve?');
    expect((await steward.call('POST', otherAction)).statusCode).toBe(403);
    const old = await signer.actionLinks(id, { now: new Date(Date.now() - 8 * 24 * 60 * 60 * 1000) });
    const expired = await steward.call('POST', path(old.resolve));
    expect(expired.statusCode).toBe(403);
    expect(expired.body).toContain('expired');
    expect((await get(id)).status).toBe('triggered');

    const done = await steward.call('POST', path(links.acknowledge), {
      body: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(await get(id)).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'noah' });
    expect((await steward.call('POST', path(links.resolve))).statusCode).toBe(200);
    expect((await get(id)).status).toBe('resolved');
  });
});
