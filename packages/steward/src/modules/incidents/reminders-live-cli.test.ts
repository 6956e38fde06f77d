// What an incident does over time and at the edges, on every engine: the status-update reminder fires
// once for the due time that still stands (an update moves it), followers of `incident:<id>` hear each
// change live, and `steward incident …` runs it from the command line against a listening server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { runStewardCli } from '../../server/test-serve.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { StreamClient } from '../../server/test-stream.ts';
import { type Receiver, startReceiver } from '../notifications/delivery.test-support.ts';
import { seedIncidentOrg, until } from './incidents.test-support.ts';

// A severity whose updates are due every 3 s, so the reminder comes within the test.
const severities = [
  { name: 'FAST', description: 'updates every 3 s', updateEveryMinutes: 0.05, pageCommander: false },
  { name: 'SLOW', description: 'updates every day', updateEveryMinutes: 1440, pageCommander: false },
];

describeEachEngine('incident reminders, live topic and CLI', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let receiver: Receiver;
  let env: Record<string, string>;
  let streamUrl: string;
  const cli = (...args: string[]) => runStewardCli(args, env);

  beforeAll(async () => {
    receiver = await startReceiver();
    steward = await startTestSteward(db(), {
      config: { publicUrl: 'https://steward.example', incidentSeverities: severities },
      notificationDelivery: { maxAttempts: 3, initialBackoffMs: 50, timeoutMs: 2000 },
    });
    org = await seedOrg(steward);
    await seedIncidentOrg(steward, org.tokens.admin, receiver);
    await steward.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = steward.app.server.address() as { port: number };
    streamUrl = `ws://127.0.0.1:${port}/api/v1/stream`;
    env = {
      STEWARD_SERVER: `http://127.0.0.1:${port}`,
      STEWARD_TOKEN: org.tokens.member,
      STEWARD_CONFIG: join(steward.dataDir, 'no-config.json'),
    };
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
    await receiver?.close();
  });

  const call = (method: string, url: string, body?: unknown) =>
    steward.call(method, url, { token: org.tokens.member, body });

  it('reminds the commander once, for the due time the last update set', async () => {
    const declared = await call('POST', '/api/v1/incidents', {
      title: 'Ledger lagging',
      severity: 'FAST',
      services: ['ledger'],
      roles: { commander: 'otto' },
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const id = declared.json().id;
    // An update at once: the due time the declaration set no longer stands, the update's does.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      (await call('POST', `/api/v1/incidents/${id}/status-updates`, { summary: 'Looking' })).statusCode,
    ).toBe(201);
    const due = (await call('GET', `/api/v1/incidents/${id}/status-updates`)).json().nextUpdateAt as string;
    expect(due).not.toBe(declared.json().nextUpdateAt);
    const notices = await until(
      () => receiver.received.filter((r) => r.path === '/hooks/otto').map((r) => r.body as { text: string }),
      (got) => got.some((b) => b.text.startsWith('a status update was due')),
      8_000,
    );
    expect(notices.filter((b) => b.text.startsWith('a status update was due')).map((b) => b.text)).toEqual([
      `a status update was due at ${due}: post one (steward incident status ${id} "…")`,
    ]);
    // The declaration's due time passed too, but by then it no longer stood: one reminder only.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const items = (await call('GET', `/api/v1/incidents/${id}/timeline`)).json().items;
    const reminders = items.filter((i: { type: string }) => i.type === 'reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].text).toBe(`a FAST status update was due at ${due}; user:default/otto was reminded`);
  }, 20_000);

  it('tells followers of incident:<id> of each change', async () => {
    const id = (
      await call('POST', '/api/v1/incidents', { title: 'Live', severity: 'SLOW', services: ['ledger'] })
    ).json().id;
    const client = await StreamClient.connect(streamUrl, org.tokens.viewer);
    try {
      expect((await client.subscribe([`incident:${id}`])).type).toBe('subscribed');
      expect(
        (await call('POST', `/api/v1/incidents/${id}/notes`, { text: 'looking at the consumer lag' }))
          .statusCode,
      ).toBe(201);
      // The declaration's own event may still be on its way: wait for the note's.
      const event = await client.nextEvent(
        (e) => e.topic === `incident:${id}` && (e.data as { what: string }).what === 'note',
      );
      expect(event).toMatchObject({ type: 'incident.changed', data: { id, what: 'note' } });
      const refused = await client.subscribe(['incident:no-such-incident']);
      expect(refused).toMatchObject({
        type: 'subscribed',
        denied: [{ topic: 'incident:no-such-incident', reason: 'no incident with id no-such-incident' }],
      });
    } finally {
      await client.close();
    }
  });

  it('runs an incident from the command line', async () => {
    const declared = await cli(
      'incident',
      'declare',
      'Search is slow',
      '--severity',
      'SLOW',
      '--service',
      'ledger',
      '--format',
      'json',
    );
    expect(declared.code, declared.stderr).toBe(0);
    const id = JSON.parse(declared.stdout).id as string;
    expect(JSON.parse(declared.stdout)).toMatchObject({ state: 'triage', teams: ['group:default/search'] });

    const refused = await cli('incident', 'update', id, '--state', 'closed');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('cannot move to closed; it can move to active, declined, merged');

    expect((await cli('incident', 'role', id, 'commander', 'otto')).code).toBe(0);
    expect((await cli('incident', 'update', id, '--state', 'active')).code).toBe(0);
    expect((await cli('incident', 'status', id, 'Search answers slowly; we are adding capacity')).code).toBe(
      0,
    );
    expect((await cli('incident', 'note', id, 'scaled the cluster to 6 nodes')).code).toBe(0);
    const shown = await cli('incident', 'show', id);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^state: +active$/m);
    expect(shown.stdout).toContain('commander: user:default/otto');
    expect(shown.stdout).toContain('mia: scaled the cluster to 6 nodes');

    const early = await cli('incident', 'postmortem', id);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('a postmortem is written once it is resolved');
    expect((await cli('incident', 'update', id, '--state', 'resolved')).code).toBe(0);
    const postmortem = await cli('incident', 'postmortem', id);
    expect(postmortem.code, postmortem.stderr).toBe(0);
    expect(postmortem.stdout).toMatch(/^# Postmortem: Search is slow\n/);
    expect(postmortem.stderr).toContain('postmortem version 1, last saved by mia');
    writeFileSync(join(steward.dataDir, 'pm.md'), '# Postmortem: Search is slow\n\nEdited.\n');
    const noVersion = await cli('incident', 'postmortem', id, '--edit', join(steward.dataDir, 'pm.md'));
    expect(noVersion.code).toBe(2);
    expect(noVersion.stderr).toContain('--edit needs --base-version');
    const saved = await cli(
      'incident',
      'postmortem',
      id,
      '--edit',
      join(steward.dataDir, 'pm.md'),
      '--base-version',
      '1',
    );
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toBe('# Postmortem: Search is slow\n\nEdited.\n');
    const stale = await cli(
      'incident',
      'postmortem',
      id,
      '--edit',
      join(steward.dataDir, 'pm.md'),
      '--base-version',
      '1',
    );
    expect(stale.code).toBe(2);
    expect(stale.stderr).toContain('the postmortem is at version 2');

    const added = await cli(
      'incident',
      'follow-up',
      'add',
      id,
      'Autoscale search',
      '--owner',
      'group:search',
      '--due',
      '2020-02-01',
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('2020-02-01 (overdue)');
    const overdue = await cli('incident', 'follow-up', 'list', '--team', 'search', '--format', 'json');
    expect(JSON.parse(overdue.stdout).items.map((f: { title: string }) => f.title)).toEqual([
      'Autoscale search',
    ]);

    const listed = await cli('incident', 'list', '--team', 'search');
    expect(listed.stdout).toContain('Search is slow');
  }, 60_000);
});
