// Two Stewards on one PostgreSQL, each with its own job runner and event reader: an incident's
// commander page goes out once and its acknowledgement, taken on the other server, makes one
// commander; a status-update reminder reaches the commander once, whichever server's runner fires it.
// PostgreSQL only: the embedded database belongs to one process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../platform/config.ts';
import { createTestDatabase, type TestDatabase } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { type Receiver, startReceiver } from '../notifications/delivery.test-support.ts';
import { seedIncidentOrg, until } from './incidents.test-support.ts';

const severities = [
  { name: 'FAST', description: 'pages, updates every 3 s', updateEveryMinutes: 0.05, pageCommander: true },
];

describe.skipIf(!testDatabaseUrl())('incidents on two servers sharing one PostgreSQL', () => {
  let database: TestDatabase;
  let receiver: Receiver;
  let one: TestSteward;
  let two: TestSteward;
  let org: SeededOrg;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    receiver = await startReceiver();
    const options = {
      config: { publicUrl: 'https://steward.example', incidentSeverities: severities },
      notificationDelivery: { maxAttempts: 3, initialBackoffMs: 50, timeoutMs: 2000 },
    };
    one = await startTestSteward(database.database, options);
    two = await startTestSteward(database.database, options);
    org = await seedOrg(one);
    await seedIncidentOrg(one, org.tokens.admin, receiver);
    await two.assembled.events.caughtUp();
  }, 90_000);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await receiver?.close();
    await database?.drop();
  }, 30_000);

  // biome-ignore lint/suspicious/noExplicitAny: webhook bodies as received.
  const hooks = (handle: string): any[] =>
    receiver.received.filter((r) => r.path === `/hooks/${handle}`).map((r) => r.body);

  it('pages once, makes one commander, and reminds once', async () => {
    const declared = await one.call('POST', '/api/v1/incidents', {
      token: org.tokens.member,
      body: { title: 'Checkout down', severity: 'FAST', services: ['checkout'] },
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const id = declared.json().id;
    const pages = await until(
      () => hooks('mia').filter((b) => b.type === 'alert.notify' && b.alert.labels.incident === id),
      (got) => got.length > 0,
    );
    // The page's acknowledgement, through the other server.
    const acked = await two.call('POST', `/api/v1/alerts/${pages[0].alert.id}/acknowledge`, {
      token: org.tokens.member,
    });
    expect(acked.statusCode, acked.body).toBe(200);
    const commanded = await until(
      async () => (await one.call('GET', `/api/v1/incidents/${id}`, { token: org.tokens.viewer })).json(),
      (incident) => incident.roles.commander !== undefined,
    );
    expect(commanded.roles).toEqual({ commander: 'user:default/mia' });

    // The first due time passes (3 s after the declaration) with both runners up.
    const reminded = await until(
      () =>
        hooks('mia').filter(
          (b) => b.type === 'incident.notice' && b.text.startsWith('a status update was due'),
        ),
      (got) => got.length > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(
      hooks('mia').filter((b) => b.type === 'alert.notify' && b.alert.labels.incident === id),
    ).toHaveLength(1);
    expect(
      hooks('mia').filter(
        (b) => b.type === 'incident.notice' && b.text.startsWith('a status update was due'),
      ),
    ).toEqual(reminded);
    expect(reminded).toHaveLength(1);
    const items = (
      await two.call('GET', `/api/v1/incidents/${id}/timeline`, { token: org.tokens.viewer })
    ).json().items as { type: string; text: string }[];
    // One item for the page raised, one for the person it reached.
    const paged = items.filter((i) => i.type === 'page').map((i) => i.text.split(' ').slice(0, 2).join(' '));
    expect(paged.sort()).toEqual(['paged group:default/payments', 'paged mia']);
    expect(items.filter((i) => i.type === 'reminder')).toHaveLength(1);
    expect(items.filter((i) => i.text.includes('took command'))).toHaveLength(1);
  }, 30_000);
});
