// Escalation end to end through the composed app: an Alertmanager webhook alert reaches the person on
// call through their webhook (exactly the contract JSON, once), escalates to step 2 when nobody
// acknowledges, stops when the signed link acknowledges it, is recorded but not notified under a
// silence, and an unowned alert follows the default team's policy. The noise report reads them back.

import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { runStewardCli } from '../../server/test-serve.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { type Receiver, startReceiver } from '../notifications/delivery.test-support.ts';
import { seedOncall } from '../oncall/oncall.test-support.ts';
import { alertWithLabels, createIntegration, expectAccepted } from './alerts.test-support.ts';
import { fingerprintOf } from './ingest/incoming.ts';

const entity = (apiVersion: string, kind: string, name: string, spec: object) => ({
  apiVersion,
  kind,
  metadata: { name },
  spec,
});
const entities = [
  // Mia is on call all the time: one member, weekly from a Monday long past.
  entity('steward.dev/v1', 'Schedule', 'payments-primary', {
    owner: 'group:payments',
    timeZone: 'UTC',
    layers: [{ name: 'weekly', start: '2026-01-05T09:00', rotation: 'P1W', members: ['mia'] }],
  }),
  entity('steward.dev/v1', 'EscalationPolicy', 'payments', {
    owner: 'group:payments',
    repeat: 0,
    steps: [
      { notify: ['schedule:payments-primary'], escalateAfter: 'PT2S' },
      { notify: ['user:noah'], escalateAfter: 'PT2S' },
    ],
  }),
  entity('steward.dev/v1', 'EscalationPolicy', 'search', {
    owner: 'group:search',
    steps: [{ notify: ['user:otto'], escalateAfter: 'PT1H' }],
  }),
  entity('backstage.io/v1alpha1', 'Component', 'checkout', {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
  }),
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachEngine('escalation, wired end to end', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let receiver: Receiver;
  let key: string;
  let n = 0;
  let firstId = '';

  beforeAll(async () => {
    receiver = await startReceiver();
    steward = await startTestSteward(db(), {
      config: { publicUrl: 'https://steward.example', defaultAlertTeam: 'search' },
      notificationDelivery: { maxAttempts: 3, initialBackoffMs: 50, timeoutMs: 2000 },
    });
    org = await seedOrg(steward);
    await seedOncall(steward, entities);
    for (const handle of ['mia', 'noah', 'otto']) {
      const added = await steward.call('POST', `/api/v1/users/${handle}/contact-methods`, {
        token: org.tokens.admin,
        body: { type: 'webhook', address: `${receiver.url}/hooks/${handle}` },
      });
      expect(added.statusCode, added.body).toBe(201);
    }
    key = (await createIntegration(steward, org.tokens.admin, { type: 'alertmanager', name: 'am' })).key;
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
    await receiver?.close();
  });

  /** Sends one firing alert by Alertmanager's webhook; answers its id. */
  const fire = async (labels: Record<string, string>) => {
    const all: Record<string, string> = { ...labels, instance: `i-${n++}` };
    const response = await steward.call('POST', `/api/v1/integrations/alertmanager/${key}`, {
      body: {
        version: '4',
        groupKey: `{}:{alertname="${all.alertname}"}`,
        status: 'firing',
        receiver: 'steward',
        groupLabels: { alertname: all.alertname },
        commonLabels: all,
        alerts: [
          { status: 'firing', labels: all, annotations: { summary: `${all.alertname} on ${all.instance}` } },
        ],
      },
    });
    expectAccepted(response, [[fingerprintOf(all), 'trigger']]);
    return (await alertWithLabels(steward, org.tokens.viewer, { instance: all.instance as string })).id;
  };
  const get = async (id: string) =>
    (await steward.call('GET', `/api/v1/alerts/${id}`, { token: org.tokens.viewer })).json();
  // biome-ignore lint/suspicious/noExplicitAny: the webhook bodies as received.
  const to = (handle: string, alertId: string): any[] =>
    receiver.received
      .filter((r) => r.path === `/hooks/${handle}`)
      .map((r) => r.body)
      .filter((body) => (body as { alert: { id: string } }).alert.id === alertId);
  const until = async <T>(what: () => Promise<T> | T, ok: (value: T) => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    let value = await what();
    while (!ok(value) && Date.now() < end) {
      await sleep(25);
      value = await what();
    }
    return value;
  };

  it('pages the person on call once with the contract JSON, then step 2 when nobody acknowledges', async () => {
    const id = await fire({ alertname: 'CheckoutErrors', service: 'checkout' });
    firstId = id;
    const first = await until(
      () => to('mia', id),
      (got) => got.length > 0,
    );
    const firstAt = Date.now();
    expect(first).toEqual([
      {
        type: 'alert.notify',
        alert: {
          id,
          status: 'triggered',
          service: 'component:default/checkout',
          team: 'group:default/payments',
          summary: `CheckoutErrors on i-${n - 1}`,
          labels: { alertname: 'CheckoutErrors', service: 'checkout', instance: `i-${n - 1}` },
        },
        person: 'user:default/mia',
        level: 1,
        links: {
          acknowledge: expect.stringMatching(
            new RegExp(`^https://steward\\.example/api/v1/alert-links/${id}/acknowledge\\?`),
          ),
          resolve: expect.stringMatching(
            new RegExp(`^https://steward\\.example/api/v1/alert-links/${id}/resolve\\?`),
          ),
        },
      },
    ]);
    // The page is queued before the decision that made it is stored (so a crash between the two pages
    // again, under the same key, rather than never): the assignee may show a moment after the page.
    expect(
      (
        await until(
          () => get(id),
          (a) => a.assignee !== null,
        )
      ).assignee,
    ).toBe('user:default/mia');

    const second = await until(
      () => to('noah', id),
      (got) => got.length > 0,
    );
    // escalateAfter is 2 s; the job runner may start it a little late, never early.
    expect(Date.now() - firstAt).toBeGreaterThan(1500);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ person: 'user:default/noah', level: 2 });
    // The last step's 2 s pass and the policy (repeat 0) is exhausted: nobody else hears of it.
    const done = await until(
      () => get(id),
      (alert) => alert.escalation?.state === 'done',
    );
    expect(done.escalation).toMatchObject({ state: 'done', policy: 'escalationpolicy:default/payments' });
    expect(done.assignee).toBe('user:default/noah');
    expect(to('mia', id)).toHaveLength(1);
    expect(to('noah', id)).toHaveLength(1);
    const texts: string[] = done.hops.map((h: { text: string }) => h.text);
    expect(texts).toContain(
      'escalationpolicy:default/payments is the escalation policy owned by group:default/payments',
    );
    expect(texts.some((t) => t.startsWith('step 1: notifying user:default/mia'))).toBe(true);
    expect(texts.some((t) => t.startsWith('step 2: notifying user:default/noah'))).toBe(true);
    expect(texts.at(-1)).toMatch(/^policy payments exhausted after 1 run, nobody acknowledged/);
    expect(done.deliveries.map((d: { person: string; state: string }) => [d.person, d.state])).toEqual([
      ['mia', 'sent'],
      ['noah', 'sent'],
    ]);
  }, 20_000);

  it('stops escalating when the signed link in the notification acknowledges the alert', async () => {
    const id = await fire({ alertname: 'CheckoutSlow', service: 'checkout' });
    const [page] = await until(
      () => to('mia', id),
      (got) => got.length > 0,
    );
    const path = (page.links.acknowledge as string).replace('https://steward.example', '');
    const acked = await steward.call('POST', path, {
      body: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(acked.statusCode, acked.body).toBe(200);
    const stopped = await until(
      () => get(id),
      (alert) => alert.escalation?.state === 'done',
    );
    expect(stopped).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'mia' });
    expect(stopped.hops.at(-1).text).toMatch(/^acknowledged by mia at .*: escalation stopped$/);
    // Past when step 2 was due: still nobody but mia.
    await sleep(3000);
    expect(to('noah', id)).toHaveLength(0);
    expect(to('mia', id)).toHaveLength(1);
    expect((await get(id)).deliveries).toHaveLength(1);
  }, 20_000);

  it('records an alert a silence matches, with the silence on its route, and notifies nobody', async () => {
    const endsAt = new Date(Date.now() + 3600_000).toISOString();
    const silence = await steward.call('POST', '/api/v1/silences', {
      token: org.tokens.admin,
      body: { matchers: ['alertname="LoadTest"'], comment: 'load test', endsAt },
    });
    expect(silence.statusCode, silence.body).toBe(201);
    const silenceId = silence.json().id as string;
    const id = await fire({ alertname: 'LoadTest', service: 'checkout' });
    const alert = await until(
      () => get(id),
      (a) => a.escalation !== null,
    );
    expect(alert.escalation).toEqual({
      state: 'suppressed',
      policy: null,
      level: null,
      run: null,
      nextAt: null,
      suppression: { kind: 'silence', id: silenceId },
    });
    expect(alert.hops.at(-1)).toMatchObject({
      kind: 'suppression',
      text: `silence ${silenceId}: silenced by alertname="LoadTest": load test; nobody is notified until ${endsAt}`,
    });
    expect(alert.status).toBe('triggered');
    expect(alert.assignee).toBeNull();
    await sleep(500);
    expect(receiver.received.filter((r) => (r.body as { alert?: { id: string } }).alert?.id === id)).toEqual(
      [],
    );
    expect((await get(id)).deliveries).toEqual([]);
  }, 20_000);

  it('records an alert of a service in maintenance, with the window on its route, and notifies nobody', async () => {
    const endsAt = new Date(Date.now() + 3600_000).toISOString();
    const window = await steward.call('POST', '/api/v1/maintenance-windows', {
      token: org.tokens.admin,
      body: { service: 'checkout', endsAt, reason: 'upgrading' },
    });
    expect(window.statusCode, window.body).toBe(201);
    const windowId = window.json().id as string;
    const id = await fire({ alertname: 'CheckoutDown', service: 'checkout' });
    const alert = await until(
      () => get(id),
      (a) => a.escalation !== null,
    );
    expect(alert.escalation).toMatchObject({
      state: 'suppressed',
      suppression: { kind: 'maintenance', id: windowId },
    });
    expect(alert.hops.at(-1).text).toBe(
      `maintenance window ${windowId}: maintenance of component:default/checkout: upgrading; nobody is notified until ${endsAt}`,
    );
    // Ended by hand: the alert it held, still firing, escalates.
    const ended = await steward.call('DELETE', `/api/v1/maintenance-windows/${windowId}`, {
      token: org.tokens.admin,
    });
    expect(ended.statusCode, ended.body).toBeLessThan(300);
    const pages = await until(
      () => to('mia', id),
      (got) => got.length > 0,
    );
    expect(pages).toHaveLength(1);
    // Acknowledged, so step 2 never pages noah (the noise report below counts on it).
    const acked = await steward.call('POST', `/api/v1/alerts/${id}/acknowledge`, {
      token: org.tokens.member,
    });
    expect(acked.statusCode, acked.body).toBe(200);
    await until(
      () => get(id),
      (a) => a.escalation?.state === 'done',
    );
  }, 20_000);

  it("sends an alert nothing owns to the default team's policy", async () => {
    const id = await fire({ alertname: 'Orphan', service: 'no-such-service' });
    const [page] = await until(
      () => to('otto', id),
      (got) => got.length > 0,
    );
    expect(page).toMatchObject({
      person: 'user:default/otto',
      level: 1,
      alert: { id, team: 'group:default/search' },
    });
    const alert = await until(
      () => get(id),
      (a) => a.assignee !== null,
    );
    expect(alert).toMatchObject({ unowned: true, assignee: 'user:default/otto' });
    expect(alert.escalation).toMatchObject({
      state: 'escalating',
      policy: 'escalationpolicy:default/search',
      level: 1,
      run: 1,
    });
  }, 20_000);

  it("reports the payments team's noise from its alerts and the pages they sent", async () => {
    const response = await steward.call('GET', '/api/v1/noise?team=payments&days=30', {
      token: org.tokens.viewer,
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ team: 'group:default/payments', alerts: 4 });
    expect(report.workingHours).toEqual({
      timeZone: 'UTC',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      from: '09:00',
      to: '17:00',
    });
    // Mia three times (three alerts paged), Noah once (step 2 of the first): one page per person and level.
    expect(report.pagesOutsideHours.pages).toBe(4);
    expect(
      report.pagesOutsideHours.byPerson
        .map((p: { person: string; pages: number }) => [p.person, p.pages])
        .sort(),
    ).toEqual([
      ['mia', 3],
      ['noah', 1],
    ]);
    expect(report.timeToAcknowledge.count).toBe(2);
    const bad = await steward.call('GET', '/api/v1/noise?days=30', { token: org.tokens.viewer });
    expect(bad.statusCode).toBe(400);
  });

  it("prints the noise report and an alert's escalation with the steward CLI", async () => {
    await steward.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = steward.app.server.address() as { port: number };
    const env = {
      STEWARD_SERVER: `http://127.0.0.1:${port}`,
      STEWARD_TOKEN: org.tokens.viewer,
      STEWARD_CONFIG: join(steward.dataDir, 'no-config.json'),
    };
    const noise = await runStewardCli(['alerts', 'noise', '--team', 'payments', '--format', 'json'], env);
    expect(noise.code, noise.stderr).toBe(0);
    expect(JSON.parse(noise.stdout)).toMatchObject({ team: 'group:default/payments', alerts: 4 });
    const text = await runStewardCli(['alerts', 'noise', '--team', 'payments'], env);
    expect(text.stdout).toMatch(/^group:default\/payments: 4 alerts since \d{4}-\d{2}-\d{2};/);
    expect(text.stdout).toContain('CheckoutErrors');
    expect((await runStewardCli(['alerts', 'noise', '--team', 'payments', '--days', '0'], env)).code).toBe(2);
    const shown = await runStewardCli(['alerts', 'show', firstId], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('done (escalationpolicy:default/payments) at step 1, run 1');
    expect(shown.stdout).toMatch(/Z noah \(level 2\): sent/);
  }, 30_000);

  // Last: its alert would count in the payments noise report above.
  it('says a silence lasting until its alert resolves holds it until then', async () => {
    const silence = await steward.call('POST', '/api/v1/silences', {
      token: org.tokens.admin,
      body: { matchers: ['alertname="KnownFlaky"'], comment: 'known flaky', untilResolved: true },
    });
    expect(silence.statusCode, silence.body).toBe(201);
    const silenceId = silence.json().id as string;
    const id = await fire({ alertname: 'KnownFlaky', service: 'checkout' });
    const alert = await until(
      () => get(id),
      (a) => a.escalation !== null,
    );
    expect(alert.hops.at(-1)).toMatchObject({
      kind: 'suppression',
      text: `silence ${silenceId}: silenced by alertname="KnownFlaky": known flaky; nobody is notified until the alert resolves`,
    });
  }, 20_000);

  it('decides each alert of one message on its own: paged, silenced, sent to the default team, once each', async () => {
    const silence = await steward.call('POST', '/api/v1/silences', {
      token: org.tokens.admin,
      body: {
        matchers: ['alertname="BatchQuiet"'],
        comment: 'batch test',
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
      },
    });
    expect(silence.statusCode, silence.body).toBe(201);
    const labels = [
      { alertname: 'BatchCheckout', service: 'checkout', instance: 'b-1' },
      { alertname: 'BatchQuiet', service: 'checkout', instance: 'b-2' },
      { alertname: 'BatchCheckout', service: 'checkout', instance: 'b-3' },
      { alertname: 'BatchOrphan', service: 'no-such-service', instance: 'b-4' },
    ];
    const response = await steward.call('POST', `/api/v1/integrations/alertmanager/${key}`, {
      body: {
        version: '4',
        groupKey: '{}:{batch="yes"}',
        status: 'firing',
        receiver: 'steward',
        groupLabels: {},
        commonLabels: {},
        alerts: labels.map((l) => ({ status: 'firing', labels: l, annotations: { summary: l.instance } })),
      },
    });
    expectAccepted(
      response,
      labels.map((l) => [fingerprintOf(l), 'trigger'] as const),
    );
    const idOf = async (instance: string) =>
      (await alertWithLabels(steward, org.tokens.viewer, { instance })).id;
    const [paged1, quiet, paged3, orphan] = [
      await idOf('b-1'),
      await idOf('b-2'),
      await idOf('b-3'),
      await idOf('b-4'),
    ];
    const decided = async (id: string) =>
      until(
        () => get(id),
        (a) => a.escalation !== null && (a.escalation.state !== 'escalating' || a.assignee !== null),
      );
    expect((await decided(paged1)).assignee).toBe('user:default/mia');
    expect((await decided(paged3)).assignee).toBe('user:default/mia');
    expect((await decided(orphan)).assignee).toBe('user:default/otto');
    expect((await decided(quiet)).escalation).toMatchObject({
      state: 'suppressed',
      suppression: { kind: 'silence', id: silence.json().id },
    });
    await sleep(500);
    expect([to('mia', paged1).length, to('mia', paged3).length, to('otto', orphan).length]).toEqual([
      1, 1, 1,
    ]);
    expect(
      receiver.received.filter((r) => (r.body as { alert?: { id: string } }).alert?.id === quiet),
    ).toEqual([]);
    // Each alert's first decision is on its route once.
    for (const id of [paged1, quiet, paged3, orphan]) {
      const hops: { kind: string }[] = (await get(id)).hops;
      expect(hops.filter((h) => h.kind === 'suppression' || h.kind === 'escalation').length).toBe(1);
    }
  }, 20_000);
});
