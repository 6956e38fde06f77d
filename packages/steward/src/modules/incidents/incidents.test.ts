// An incident driven through the composed app on every engine: declared from an alert, refused moves
// answered 409 with the allowed ones, roles notified through a real webhook receiver, the alert's
// acknowledgement on the timeline, status updates, notes, then resolved, a postmortem drafted, edited
// by two people (one gets a 409 with the current text), follow-ups, and closed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { type Receiver, startReceiver } from '../notifications/delivery.test-support.ts';
import { fireAlert, seedIncidentOrg, until } from './incidents.test-support.ts';

describeEachEngine('incidents, from an alert to a closed postmortem', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let receiver: Receiver;
  let key: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    steward = await startTestSteward(db(), {
      config: { publicUrl: 'https://steward.example' },
      notificationDelivery: { maxAttempts: 3, initialBackoffMs: 50, timeoutMs: 2000 },
    });
    org = await seedOrg(steward);
    key = await seedIncidentOrg(steward, org.tokens.admin, receiver);
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
    await receiver?.close();
  });

  const call = (method: string, url: string, body?: unknown, token = org.tokens.member) =>
    steward.call(method, url, { token, body });
  const timeline = async (id: string) =>
    (await call('GET', `/api/v1/incidents/${id}/timeline`)).json().items as {
      id: string;
      at: string;
      type: string;
      actor: string;
      text: string;
    }[];
  // biome-ignore lint/suspicious/noExplicitAny: webhook bodies as received.
  const hooks = (handle: string): any[] =>
    receiver.received.filter((r) => r.path === `/hooks/${handle}`).map((r) => r.body);

  it('runs an incident from an alert to a closed postmortem with follow-ups', async () => {
    const alertId = await fireAlert(steward, key, org.tokens.viewer, {
      alertname: 'CheckoutErrors',
      service: 'checkout',
    });
    // Mia, on call for payments, is paged before anyone declares.
    await until(
      () => hooks('mia').filter((b) => b.type === 'alert.notify' && b.alert.id === alertId),
      (got) => got.length > 0,
    );
    await until(
      async () => (await call('GET', `/api/v1/alerts/${alertId}`)).json().deliveries,
      (deliveries) => deliveries.some((d: { state: string }) => d.state === 'sent'),
    );
    const declared = await call('POST', `/api/v1/alerts/${alertId}/incident`, { severity: 'SEV3' });
    expect(declared.statusCode, declared.body).toBe(201);
    const incident = declared.json();
    expect(incident).toMatchObject({
      state: 'triage',
      severity: 'SEV3',
      services: ['component:default/checkout'],
      teams: ['group:default/payments'],
      roles: {},
      alerts: [alertId],
      title: expect.stringMatching(/^CheckoutErrors on i-/),
    });
    expect(typeof incident.createdAt).toBe('string');
    const id: string = incident.id;
    expect((await call('GET', `/api/v1/incidents/${id}`, undefined, org.tokens.viewer)).json()).toEqual(
      incident,
    );

    // Triage cannot jump to resolved: 409 with the moves it can make.
    const refused = await call('PATCH', `/api/v1/incidents/${id}`, { state: 'resolved' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ state: 'triage', allowed: ['active', 'declined', 'merged'] });
    expect(refused.json().detail).toContain('cannot move to resolved');
    // No postmortem before it is resolved, and the answer says why.
    const early = await call('POST', `/api/v1/incidents/${id}/postmortem`);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/is triage: a postmortem is written once it is resolved/);

    // A role notifies the person through their contact methods.
    const commanded = await call('PATCH', `/api/v1/incidents/${id}`, {
      roles: { commander: 'NOAH' },
      state: 'active',
    });
    expect(commanded.statusCode, commanded.body).toBe(200);
    expect(commanded.json()).toMatchObject({ state: 'active', roles: { commander: 'user:default/noah' } });
    const notices = await until(
      () => hooks('noah').filter((b) => b.type === 'incident.notice'),
      (got) => got.length > 0,
    );
    expect(notices).toEqual([
      {
        type: 'incident.notice',
        person: 'user:default/noah',
        text: 'you are now the commander of this incident (given by mia)',
        incident: {
          id,
          title: incident.title,
          severity: 'SEV3',
          state: 'active',
          url: `https://steward.example/incidents/${id}`,
        },
      },
    ]);

    // The attached alert's acknowledgement lands on the timeline (heard from the alerts module's event).
    expect((await call('POST', `/api/v1/alerts/${alertId}/acknowledge`)).statusCode).toBe(200);
    const acked = await until(
      () => timeline(id),
      (items) => items.some((i) => i.type === 'acknowledged'),
    );
    expect(acked.find((i) => i.type === 'acknowledged')).toMatchObject({
      actor: 'mia',
      text: `mia acknowledged alert ${alertId}`,
    });

    // Status updates keep the audience-facing summary apart from the internal note.
    const update = await call('POST', `/api/v1/incidents/${id}/status-updates`, {
      summary: 'Some card payments fail; we are rolling back the last release.',
      internal: 'suspect the v42 connection pool change',
    });
    expect(update.statusCode, update.body).toBe(201);
    const updates = (await call('GET', `/api/v1/incidents/${id}/status-updates`)).json();
    expect(updates.items.map((u: { summary: string }) => u.summary)).toEqual([
      'Some card payments fail; we are rolling back the last release.',
    ]);
    expect(Date.parse(updates.nextUpdateAt)).toBeGreaterThan(Date.now() + 3 * 3600_000); // SEV3: every 4 h

    // Notes: added, edited by their author, not by someone else.
    const note = (await call('POST', `/api/v1/incidents/${id}/notes`, { text: 'rollback started' })).json();
    const notMine = await call(
      'PUT',
      `/api/v1/incidents/${id}/notes/${note.id}`,
      { text: 'x' },
      org.tokens.teammate,
    );
    expect(notMine.statusCode).toBe(403);
    const edited = await call('PUT', `/api/v1/incidents/${id}/notes/${note.id}`, {
      text: 'rollback of v42 started',
    });
    expect(edited.json()).toMatchObject({ text: 'rollback of v42 started', editedAt: expect.any(String) });
    const typo = (await call('POST', `/api/v1/incidents/${id}/notes`, { text: 'rollbak' })).json();
    const notTheirs = await call(
      'DELETE',
      `/api/v1/incidents/${id}/notes/${typo.id}`,
      undefined,
      org.tokens.teammate,
    );
    expect(notTheirs.statusCode).toBe(403);
    expect((await call('DELETE', `/api/v1/incidents/${id}/notes/${typo.id}`)).statusCode).toBe(204);
    const recorded = (await timeline(id)).find((i) => i.type === 'declared');
    const automatic = await call('DELETE', `/api/v1/incidents/${id}/notes/${recorded?.id}`);
    expect(automatic.statusCode).toBe(403);
    expect(automatic.json().detail).toContain('only notes can be changed');

    for (const state of ['mitigated', 'resolved']) {
      const moved = await call('PATCH', `/api/v1/incidents/${id}`, { state });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    const follow = await call('POST', `/api/v1/incidents/${id}/follow-ups`, {
      title: 'Load-test pool changes before release',
      owner: 'group:payments',
      due: '2020-01-31',
    });
    expect(follow.statusCode, follow.body).toBe(201);
    expect(follow.json()).toMatchObject({
      owner: 'group:default/payments',
      due: '2020-01-31',
      done: false,
      overdue: true,
    });

    // The draft holds every section and the timeline.
    const drafted = await call('POST', `/api/v1/incidents/${id}/postmortem`);
    expect(drafted.statusCode, drafted.body).toBe(201);
    const { markdown, version } = drafted.json();
    expect(version).toBe(1);
    for (const section of [
      '## Summary',
      '## Impact',
      '## Timeline',
      '## Contributing factors',
      '## What went well',
      '## What went wrong',
      '## Follow-ups',
    ])
      expect(markdown).toContain(section);
    expect(markdown).toContain('Some card payments fail; we are rolling back the last release.');
    expect(markdown).toContain('rollback of v42 started');
    expect(markdown).toContain(
      '- [ ] Load-test pool changes before release (owner group:default/payments, due 2020-01-31)',
    );
    expect(markdown).toMatch(/- Resolved: (under a minute|\d+ min) after it started/);
    // Drafting again answers what is stored, not a new draft.
    expect((await call('POST', `/api/v1/incidents/${id}/postmortem`)).statusCode).toBe(200);

    // Two editors of version 1: the first lands, the second gets 409 with the current text.
    const first = await call('PUT', `/api/v1/incidents/${id}/postmortem`, {
      markdown: `${markdown}\nMia's edit`,
      version: 1,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(2);
    const second = await call(
      'PUT',
      `/api/v1/incidents/${id}/postmortem`,
      { markdown: 'Noah', version: 1 },
      org.tokens.teammate,
    );
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      currentVersion: 2,
      markdown: `${markdown}\nMia's edit`,
      updatedBy: 'mia',
    });
    const exported = await call('GET', `/api/v1/incidents/${id}/postmortem.md`);
    expect(exported.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(exported.body).toBe(`${markdown}\nMia's edit`);

    // Overdue follow-ups show for the team; done ones leave that list.
    const overdue = (await call('GET', '/api/v1/follow-ups?team=payments')).json().items;
    expect(overdue.map((f: { id: string }) => f.id)).toEqual([follow.json().id]);
    const done = await call('PATCH', `/api/v1/incidents/${id}/follow-ups/${follow.json().id}`, {
      done: true,
    });
    expect(done.json()).toMatchObject({ done: true, overdue: false });
    expect((await call('GET', '/api/v1/follow-ups?team=payments')).json().items).toEqual([]);

    for (const state of ['post-incident', 'closed']) {
      const moved = await call('PATCH', `/api/v1/incidents/${id}`, { state });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    const closed = await call('PATCH', `/api/v1/incidents/${id}`, { state: 'active' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().allowed).toEqual([]);

    const items = await timeline(id);
    const ats = items.map((i) => Date.parse(i.at));
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    expect(items.map((i) => i.type)).toEqual([
      'page',
      'declared',
      'alert',
      'state',
      'role',
      'acknowledged',
      'status-update',
      'note',
      'note',
      'state',
      'state',
      'follow-up',
      'postmortem',
      'follow-up',
      'state',
      'state',
    ]);
    expect(items.map((i) => i.text)).toContain('mia moved it from triage to active');
    expect(items[0]?.text).toBe(`paged mia (level 1) for alert ${alertId}: ${incident.title}`);
    expect(items.map((i) => i.text)).toContain('mia made user:default/noah commander');
  }, 60_000);

  it('pages the owning team for a commander of a SEV1, and whoever acknowledges takes command', async () => {
    const declared = await call('POST', '/api/v1/incidents', {
      title: 'Checkout down',
      severity: 'SEV1',
      services: ['Component:Checkout'],
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const id = declared.json().id;
    expect(declared.json().services).toEqual(['component:default/checkout']);
    // Mia is on call for payments: the page reaches her as an alert notification.
    const [page] = await until(
      () => hooks('mia').filter((b) => b.type === 'alert.notify' && b.alert.labels.incident === id),
      (got) => got.length > 0,
    );
    expect(page.alert).toMatchObject({
      team: 'group:default/payments',
      service: 'component:default/checkout',
      summary: 'SEV1 incident needs a commander: Checkout down',
    });
    expect((await timeline(id)).map((i) => i.type)).toContain('page');
    const path = (page.links.acknowledge as string).replace('https://steward.example', '');
    const acked = await steward.call('POST', path, {
      body: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(acked.statusCode, acked.body).toBe(200);
    const commanded = await until(
      async () => (await call('GET', `/api/v1/incidents/${id}`)).json(),
      (incident) => incident.roles.commander !== undefined,
    );
    expect(commanded.roles).toEqual({ commander: 'user:default/mia' });
    expect(commanded.acknowledgedAt).not.toBeNull();
    expect((await timeline(id)).map((i) => i.text)).toContain(
      'user:default/mia took command by acknowledging the page',
    );
  }, 30_000);

  it('answers the commander page when a commander is named by hand', async () => {
    const id = (
      await call('POST', '/api/v1/incidents', {
        title: 'Checkout slow',
        severity: 'SEV2',
        services: ['checkout'],
      })
    ).json().id;
    const [page] = await until(
      () => hooks('mia').filter((b) => b.type === 'alert.notify' && b.alert.labels.incident === id),
      (got) => got.length > 0,
    );
    const named = await call('PATCH', `/api/v1/incidents/${id}`, { roles: { commander: 'noah' } });
    expect(named.json().roles).toEqual({ commander: 'user:default/noah' });
    const alert = await until(
      async () => (await call('GET', `/api/v1/alerts/${page.alert.id}`)).json(),
      (a) => a.status === 'resolved',
    );
    expect(alert).toMatchObject({
      status: 'resolved',
      resolvedBy: 'mia',
      source: 'steward',
      integration: 'steward',
    });
    // The built-in integration that raised it is listed nowhere and takes no key.
    const integrations = (
      await steward.call('GET', '/api/v1/integrations', { token: org.tokens.admin })
    ).json();
    expect(integrations.items.map((i: { name: string }) => i.name)).toEqual(['am']);
  }, 30_000);

  it('merges an incident into another, and declines one', async () => {
    const declare = async (title: string) =>
      (await call('POST', '/api/v1/incidents', { title, severity: 'SEV4', services: ['ledger'] })).json()
        .id as string;
    const [kept, duplicate, noise] = [
      await declare('Ledger errors'),
      await declare('Ledger 500s'),
      await declare('Blip'),
    ];
    const merged = await call('PATCH', `/api/v1/incidents/${duplicate}`, {
      state: 'merged',
      mergedInto: kept,
    });
    expect(merged.json()).toMatchObject({ state: 'merged', mergedInto: kept, allowedMoves: [] });
    const keptTimeline = (await call('GET', `/api/v1/incidents/${kept}/timeline`)).json().items;
    expect(keptTimeline.at(-1).text).toBe(`mia merged incident ${duplicate} ("Ledger 500s") into this one`);
    const intoMerged = await call('PATCH', `/api/v1/incidents/${noise}`, {
      state: 'merged',
      mergedInto: duplicate,
    });
    expect(intoMerged.statusCode).toBe(400);
    expect(intoMerged.json().errors[0].message).toBe(
      `incident ${duplicate} is merged; merge into a live one`,
    );
    const declined = await call('PATCH', `/api/v1/incidents/${noise}`, { state: 'declined' });
    const open = (await call('GET', '/api/v1/incidents?open=true&team=search'))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(open).toContain(kept);
    expect(open).not.toContain(duplicate);
    expect(open).not.toContain(noise);
    expect(declined.json()).toMatchObject({ state: 'declined', nextUpdateAt: null });
    // Resolved and made SEV1 in one change: no update falls due, nobody is paged for a commander.
    const late = await declare('Ledger fixed itself');
    await call('PATCH', `/api/v1/incidents/${late}`, { state: 'active' });
    const both = await call('PATCH', `/api/v1/incidents/${late}`, { state: 'resolved', severity: 'SEV1' });
    expect(both.json()).toMatchObject({ state: 'resolved', severity: 'SEV1', nextUpdateAt: null });
  });

  it('answers 400 naming the field for bad input', async () => {
    const cases: [unknown, string][] = [
      [{ title: 'x', severity: 'SEV9', services: ['checkout'] }, 'body.severity'],
      [{ title: 'x', severity: 'SEV2', services: ['checkout', 'nope'] }, 'body.services.1'],
      [{ title: 'x', severity: 'SEV2', services: ['checkout'], alerts: ['missing'] }, 'body.alerts.0'],
      [
        { title: 'x', severity: 'SEV2', services: ['checkout'], roles: { commander: 'ghost' } },
        'body.roles.commander',
      ],
      [{ title: 'x', severity: 'SEV2', services: [] }, 'body.services'],
    ];
    for (const [body, field] of cases) {
      const response = await call('POST', '/api/v1/incidents', body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await call('GET', '/api/v1/incidents/nope')).statusCode).toBe(404);
    const id = (
      await call('POST', '/api/v1/incidents', {
        title: 'Ledger slow',
        severity: 'SEV4',
        services: ['ledger'],
      })
    ).json().id;
    const badDue = await call('POST', `/api/v1/incidents/${id}/follow-ups`, {
      title: 't',
      owner: 'mia',
      due: 'tomorrow',
    });
    expect(badDue.statusCode).toBe(400);
    expect(badDue.json().errors[0].field).toBe('body.due');
    const mergeNowhere = await call('PATCH', `/api/v1/incidents/${id}`, { state: 'merged' });
    expect(mergeNowhere.statusCode).toBe(400);
    expect(mergeNowhere.json().errors[0].field).toBe('body.mergedInto');
  });

  it('lands PATCHes sent at once: different fields all, one field changed in turn', async () => {
    for (let round = 0; round < 5; round++) {
      const id = (
        await call('POST', '/api/v1/incidents', {
          title: `Race ${round}`,
          severity: 'SEV4',
          services: ['ledger'],
        })
      ).json().id;
      const [a, b, c] = await Promise.all([
        call('PATCH', `/api/v1/incidents/${id}`, { severity: 'SEV3' }),
        call('PATCH', `/api/v1/incidents/${id}`, { roles: { scribe: 'otto' } }, org.tokens.outsider),
        call(
          'PATCH',
          `/api/v1/incidents/${id}`,
          { title: `Race ${round}: ledger slow` },
          org.tokens.teammate,
        ),
      ]);
      expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([200, 200, 200]);
      const now = (await call('GET', `/api/v1/incidents/${id}`)).json();
      expect(now).toMatchObject({
        severity: 'SEV3',
        roles: { scribe: 'user:default/otto' },
        title: `Race ${round}: ledger slow`,
      });
      if (round > 0) continue;
      // The same field changed by two at once: one after the other, each on the timeline from the
      // value the other left, so neither change is lost from the record.
      await Promise.all([
        call('PATCH', `/api/v1/incidents/${id}`, { title: 'Ledger slow (Mia)' }),
        call('PATCH', `/api/v1/incidents/${id}`, { title: 'Ledger slow (Noah)' }, org.tokens.teammate),
      ]);
      const renames = (await timeline(id)).filter((i) => i.text.includes(' renamed it ')).slice(-2);
      const final = (await call('GET', `/api/v1/incidents/${id}`)).json().title;
      const [earlier, later] = final === 'Ledger slow (Mia)' ? ['Noah', 'Mia'] : ['Mia', 'Noah'];
      expect(renames.map((i) => i.text.slice(i.text.indexOf(' renamed it ')))).toEqual([
        ` renamed it "Ledger slow (${earlier})" (was "Race 0: ledger slow")`,
        ` renamed it "Ledger slow (${later})" (was "Ledger slow (${earlier})")`,
      ]);
      // null takes a role away and leaves the others.
      await call('PATCH', `/api/v1/incidents/${id}`, { roles: { commander: 'mia' } });
      const taken = await call('PATCH', `/api/v1/incidents/${id}`, { roles: { scribe: null } });
      expect(taken.json().roles).toEqual({ commander: 'user:default/mia' });
    }
  });

  it('measures response times per team and service', async () => {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const metrics = await call('GET', `/api/v1/incidents/metrics?team=payments&from=${from}`);
    expect(metrics.statusCode, metrics.body).toBe(200);
    const body = metrics.json();
    // Payments' incidents so far: the SEV3 from the alert (resolved), the SEV1 (its page acknowledged)
    // and the SEV2 (a commander named by hand); ledger's belong to search.
    expect(body.incidents).toBe(3);
    expect(body.bySeverity).toEqual({ SEV1: 1, SEV2: 1, SEV3: 1, SEV4: 0 });
    expect(body.timeToResolve.count).toBe(1);
    expect(body.timeToAcknowledge.count).toBe(3);
    expect(body.onCall.teams).toEqual(['group:default/payments']);
    // Mia, on call for payments, was paged for CheckoutErrors and for the two commander pages.
    const mia = body.onCall.pagesPerPersonPerWeek.find((p: { person: string }) => p.person === 'mia');
    expect(mia?.pages).toBe(3);
    const byService = (await call('GET', `/api/v1/incidents/metrics?service=checkout&from=${from}`)).json();
    expect(byService).toMatchObject({ service: 'component:default/checkout', incidents: 3 });
    const neither = await call('GET', '/api/v1/incidents/metrics');
    expect(neither.statusCode).toBe(400);
  });
});
