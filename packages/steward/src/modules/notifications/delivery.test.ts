import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { type Receiver, settledDeliveries, startReceiver } from './delivery.test-support.ts';
import type { NotificationsService, NotifyRequest } from './index.ts';

describeEachEngine('notification delivery', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let receiver: Receiver;
  let notifications: NotificationsService;

  beforeAll(async () => {
    receiver = await startReceiver();
    steward = await startTestSteward(db(), {
      notificationDelivery: { maxAttempts: 3, initialBackoffMs: 50, timeoutMs: 2000 },
    });
    org = await seedOrg(steward);
    notifications = steward.assembled.notifications;
  });
  afterAll(async () => {
    await steward?.close();
    await receiver?.close();
  });

  const addMethod = async (handle: string, type: string, address: string): Promise<string> => {
    const response = await steward.call('POST', `/api/v1/users/${handle}/contact-methods`, {
      token: org.tokens.admin,
      body: { type, address },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  };
  const request = (alertId: string, person: string, key: string): NotifyRequest => ({
    person,
    urgency: 'high',
    level: 2,
    alert: {
      id: alertId,
      status: 'firing',
      service: 'component:default/checkout',
      team: 'group:default/payments',
      summary: 'Checkout error rate above 5%',
      labels: { alertname: 'CheckoutErrors', severity: 'critical' },
    },
    links: {
      acknowledge: `https://steward.example/alerts/${alertId}/acknowledge`,
      resolve: `https://steward.example/alerts/${alertId}/resolve`,
    },
    idempotencyKey: key,
  });
  const to = (path: string) => receiver.received.filter((r) => r.path === path);

  it('POSTs exactly the contract JSON once, and a second notify with the same key sends nothing', async () => {
    const path = '/hooks/sam-secret-token-1234';
    await addMethod('sam', 'webhook', `${receiver.url}${path}`);
    expect(await notifications.notify(request('a-1', 'user:default/sam', 'a-1:1:sam'))).toEqual({
      queued: 1,
    });
    const [delivery] = await settledDeliveries(notifications, 'a-1', 1);
    expect(delivery).toMatchObject({ person: 'sam', level: 2, urgency: 'high', state: 'sent', attempts: 1 });
    expect(delivery?.method.address).toBe(`${receiver.url}/…1234`);
    expect(JSON.stringify(delivery)).not.toContain('secret-token');

    const [got] = to(path);
    expect(got?.method).toBe('POST');
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    expect(got?.body).toEqual({
      type: 'alert.notify',
      alert: {
        id: 'a-1',
        status: 'firing',
        service: 'component:default/checkout',
        team: 'group:default/payments',
        summary: 'Checkout error rate above 5%',
        labels: { alertname: 'CheckoutErrors', severity: 'critical' },
      },
      person: 'user:default/sam',
      level: 2,
      links: {
        acknowledge: 'https://steward.example/alerts/a-1/acknowledge',
        resolve: 'https://steward.example/alerts/a-1/resolve',
      },
    });

    // The first delivery has finished: only the delivery row, not the job's dedup, can stop this one.
    expect(await notifications.notify(request('a-1', 'sam', 'a-1:1:sam'))).toEqual({ queued: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(to(path)).toHaveLength(1);
    expect(await notifications.deliveries('a-1')).toHaveLength(1);
  });

  it('retries a 500 with the same Idempotency-Key and delivers once', async () => {
    const path = '/hooks/flaky';
    receiver.script(path, { status: 500, body: 'try later' }, { status: 200 });
    await addMethod('otto', 'webhook', `${receiver.url}${path}`);
    expect(await notifications.notify(request('a-2', 'otto', 'a-2:1:otto'))).toEqual({ queued: 1 });
    const [delivery] = await settledDeliveries(notifications, 'a-2', 1);
    expect(delivery).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
    const tries = to(path);
    expect(tries).toHaveLength(2);
    expect(tries[0]?.headers['idempotency-key']).toBeDefined();
    expect(tries[1]?.headers['idempotency-key']).toBe(tries[0]?.headers['idempotency-key']);
    expect(tries[1]?.body).toEqual(tries[0]?.body);
  });

  it('a 400 goes dead at once, and the log and the job say why', async () => {
    const path = '/hooks/refusing';
    receiver.script(path, { status: 400, body: 'no such channel' });
    await addMethod('noah', 'webhook', `${receiver.url}${path}`);
    await notifications.notify(request('a-3', 'noah', 'a-3:1:noah'));
    const [delivery] = await settledDeliveries(notifications, 'a-3', 1);
    expect(delivery).toMatchObject({ state: 'dead', attempts: 1 });
    expect(delivery?.lastError).toMatch(
      /answered 400 \(no such channel\): a client error, so it is not retried/,
    );
    expect(delivery?.lastError).not.toContain('/hooks/refusing');
    expect(to(path)).toHaveLength(1);
    const job = await steward.call('GET', `/api/v1/jobs/${delivery?.jobId}`, { token: org.tokens.admin });
    expect(job.json()).toMatchObject({ state: 'dead', attempts: 1 });
    const log = await steward.call('GET', '/api/v1/notifications/deliveries?alert=a-3', {
      token: org.tokens.viewer,
    });
    expect(log.json().items).toEqual([{ ...delivery }]);

    // Retrying the dead job (`steward jobs retry`) sends it again, counting every try.
    receiver.script(path, { status: 200 });
    const retry = await steward.call('POST', `/api/v1/jobs/${delivery?.jobId}/retry`, {
      token: org.tokens.admin,
    });
    expect(retry.statusCode).toBe(200);
    for (let i = 0; i < 200 && (await notifications.deliveries('a-3'))[0]?.state !== 'sent'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect((await notifications.deliveries('a-3'))[0]).toMatchObject({
      state: 'sent',
      attempts: 2,
      lastError: null,
    });
    expect(to(path)).toHaveLength(2);
    expect(job.json().lastError).toMatch(/answered 400/);
  });

  it('after every try failed the delivery is dead, saying how many tries', async () => {
    const path = '/hooks/down';
    receiver.script(path, { status: 503, body: 'down' });
    await addMethod('vera', 'webhook', `${receiver.url}${path}`);
    await notifications.notify(request('a-4', 'vera', 'a-4:1:vera'));
    const [delivery] = await settledDeliveries(notifications, 'a-4', 1);
    expect(delivery).toMatchObject({ state: 'dead', attempts: 3 });
    expect(delivery?.lastError).toMatch(/answered 503 \(down\) \(gave up after 3 tries\)/);
    expect(to(path)).toHaveLength(3);
  });

  it('sends a Slack-compatible message with summary, service, team and both links', async () => {
    const path = '/services/T1/B2/slacksecret';
    await addMethod('mia', 'slack', `${receiver.url}${path}`);
    await notifications.notify(request('a-5', 'mia', 'a-5:1:mia'));
    await settledDeliveries(notifications, 'a-5', 1);
    const [got] = to(path);
    const body = got?.body as { text: string; blocks: { type: string; elements?: { url?: string }[] }[] };
    expect(Object.keys(body).sort()).toEqual(['blocks', 'text']);
    expect(body.text).toContain('Checkout error rate above 5%');
    expect(body.text).toContain('component:default/checkout');
    expect(body.text).toContain('group:default/payments');
    const urls = body.blocks.flatMap((b) => (b.elements ?? []).flatMap((e) => (e.url ? [e.url] : [])));
    expect(urls).toEqual([
      'https://steward.example/alerts/a-5/acknowledge',
      'https://steward.example/alerts/a-5/resolve',
    ]);
    expect(got?.headers['idempotency-key']).toBeUndefined();
  });

  it('without SMTP an email delivery is skipped, saying so; low urgency by default goes to email only', async () => {
    await addMethod('otto', 'email', 'otto@example.com');
    // otto has a webhook (above) and an email: by default low urgency goes to the email alone.
    expect(await notifications.notify({ ...request('a-6', 'otto', 'a-6:1:otto'), urgency: 'low' })).toEqual({
      queued: 1,
    });
    const [delivery] = await settledDeliveries(notifications, 'a-6', 1);
    expect(delivery).toMatchObject({
      state: 'skipped',
      method: { type: 'email', address: 'otto@example.com' },
    });
    expect(delivery?.lastError).toMatch(/STEWARD_SMTP_URL/);
  });

  it('a later rule waits its delay, and cancelling the alert stops it', async () => {
    const path = '/hooks/delayed';
    const id = await addMethod('sam', 'webhook', `${receiver.url}${path}`);
    const rules = await steward.call('PUT', '/api/v1/users/sam/notification-rules', {
      token: org.tokens.loner,
      body: { high: [{ after: 'PT1H', contactMethod: id }] },
    });
    expect(rules.statusCode).toBe(200);
    expect(await notifications.notify(request('a-7', 'sam', 'a-7:1:sam'))).toEqual({ queued: 1 });
    const [queued] = await notifications.deliveries('a-7');
    expect(queued?.state).toBe('queued');
    const dueInMs = Date.parse(queued?.dueAt ?? '') - Date.now();
    expect(dueInMs).toBeGreaterThan(59 * 60 * 1000);
    expect(await notifications.cancel('a-7')).toEqual({ cancelled: 1 });
    const [cancelled] = await notifications.deliveries('a-7');
    expect(cancelled?.state).toBe('cancelled');
    const job = await steward.call('GET', `/api/v1/jobs/${cancelled?.jobId}`, { token: org.tokens.admin });
    expect(job.json().state).toBe('cancelled');
    expect(to(path)).toHaveLength(0);

    // Cancelled as a job (`steward jobs cancel`), the log shows it cancelled too.
    await notifications.notify(request('a-7b', 'sam', 'a-7b:1:sam'));
    const [waiting] = await notifications.deliveries('a-7b');
    const cancel = await steward.call('POST', `/api/v1/jobs/${waiting?.jobId}/cancel`, {
      token: org.tokens.admin,
    });
    expect(cancel.statusCode).toBe(200);
    expect((await notifications.deliveries('a-7b'))[0]).toMatchObject({
      state: 'cancelled',
      lastError: 'its job was cancelled',
    });
  });

  it('a test send POSTs to the webhook now and answers what it said', async () => {
    const path = '/hooks/test-send';
    const id = await addMethod('mia', 'webhook', `${receiver.url}${path}`);
    const response = await steward.call('POST', `/api/v1/users/mia/contact-methods/${id}/test`, {
      token: org.tokens.member,
    });
    expect(response.json()).toEqual({ sent: true, detail: `POST ${receiver.url}/…send answered 200` });
    expect(to(path)[0]?.body).toMatchObject({ type: 'alert.notify', person: 'user:default/mia', level: 1 });

    receiver.script(path, { status: 410, body: 'gone' });
    const refused = await steward.call('POST', `/api/v1/users/mia/contact-methods/${id}/test`, {
      token: org.tokens.member,
    });
    expect(refused.json()).toMatchObject({ sent: false });
    expect(refused.json().detail).toMatch(/answered 410 \(gone\)/);
    const byOther = await steward.call('POST', `/api/v1/users/mia/contact-methods/${id}/test`, {
      token: org.tokens.teammate,
    });
    expect(byOther.statusCode).toBe(403);
  });

  it('a shift notice goes by the low-urgency rules, as a shift.notice webhook, once per key', async () => {
    const path = '/hooks/shifts';
    const id = await addMethod('admin', 'webhook', `${receiver.url}${path}`);
    const shift = {
      schedule: 'schedule:default/payments-primary',
      policy: 'escalationpolicy:default/payments',
      level: 1,
      from: '2026-12-07T08:00:00.000Z',
      until: '2026-12-14T08:00:00.000Z',
    };
    const notice = { person: 'admin', shift, idempotencyKey: 'shift:payments-primary:2026-12-07:admin' };
    // By default low urgency (and so a shift notice) goes by email only, and admin has none.
    expect(await notifications.notifyShift(notice)).toEqual({ queued: 0 });
    await steward.call('PUT', '/api/v1/users/admin/notification-rules', {
      token: org.tokens.admin,
      body: { high: [{ after: 'PT0M', contactMethod: id }], low: [{ after: 'PT0M', contactMethod: id }] },
    });
    expect(await notifications.notifyShift(notice)).toEqual({ queued: 1 });
    expect(await notifications.notifyShift(notice)).toEqual({ queued: 0 });
    for (let i = 0; i < 200 && to(path).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(to(path).map((r) => r.body)).toEqual([
      { type: 'shift.notice', person: 'user:default/admin', shift },
    ]);
    expect(to(path)[0]?.headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses to notify someone Steward does not know', async () => {
    await expect(notifications.notify(request('a-8', 'user:default/ghost', 'a-8:1'))).rejects.toThrow(
      /person "user:default\/ghost" is no user Steward knows/,
    );
  });
});
