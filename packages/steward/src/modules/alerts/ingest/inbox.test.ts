// The inbox's promises: an accepted request is one alert_inbox row until it is applied (then gone);
// requests are applied in arrival order (a trigger then its resolve leaves the alert resolved); a row
// that cannot be applied is set aside with why, and those after it are applied all the same; and the
// API lists an alert right after its sender got a 2xx. A server whose background work is stopped
// still accepts (and applies nothing): that is how a request is caught waiting in the inbox, and a
// second server on the same database applies what it left.
import { deflateRawSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../../server/test-steward.ts';
import {
  alertsWithLabels,
  alertWithLabels,
  createIntegration,
  expectAccepted,
  uploadServices,
} from '../alerts.test-support.ts';
import type { AlertTables } from '../tables.ts';
import { decodeItems, decodeRow, encodeRequest } from './inbox-store.ts';
import { fingerprintOf } from './incoming.ts';

describeEachEngine('the alert inbox', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let key: string;
  const others: TestSteward[] = [];

  beforeAll(async () => {
    steward = await startTestSteward(db());
    running.add(steward);
    org = await seedOrg(steward);
    await uploadServices(steward, org.tokens.admin);
    key = (await createIntegration(steward, org.tokens.admin, { type: 'alertmanager', name: 'inbox' })).key;
  }, 60_000);
  afterAll(async () => {
    for (const other of others) await other.close();
    await steward?.close();
  });

  const kysely = () => db().kysely<AlertTables>();
  const labelsOf = (instance: string) => ({ alertname: 'InboxTest', service: 'checkout', instance });
  const post = (on: TestSteward, instance: string, resolved = false) =>
    on.call('POST', '/api/v2/alerts', {
      headers: { authorization: `Bearer ${key}` },
      body: [{ labels: labelsOf(instance), ...(resolved ? { endsAt: '2020-01-01T00:00:00Z' } : {}) }],
    });
  const inbox = async () =>
    (
      await kysely()
        .selectFrom('alert_inbox')
        .select(['seq', 'items', 'failed_at', 'error'])
        .orderBy('seq')
        .execute()
    ).map((row) => ({ ...row, seq: String(row.seq), instances: instancesOf(row.items) }));
  const instancesOf = (items: Uint8Array) => decodeItems(items).map((item) => item.labels.instance);
  const storedAlerts = async (instance: string) =>
    (
      await sql<{ id: string }>`select id from alerts where labels->>'instance' = ${instance}`.execute(
        kysely(),
      )
    ).rows;
  const running = new Set<TestSteward>();
  /** Another server on the same database, started now: it applies what waits in the inbox. */
  const anotherServer = async () => {
    const other = await startTestSteward(db());
    others.push(other);
    running.add(other);
    return other;
  };
  /**
   * A server that accepts and applies nothing (its background work stopped), with every other
   * server's stopped too: what it accepts waits in the inbox until a server starts.
   */
  const idleServer = async () => {
    const idle = await anotherServer();
    for (const server of running) await server.assembled.stop();
    running.clear();
    return idle;
  };

  it('keeps an accepted request as one inbox row until it is applied, then deletes it', async () => {
    const idle = await idleServer();
    const response = await post(idle, 'w-1');
    expectAccepted(response, [[fingerprintOf(labelsOf('w-1')), 'trigger']]);
    // Durable before the answer, as one row naming the request's alert; not yet an alert.
    const waiting = (await inbox()).filter((row) => row.instances.includes('w-1'));
    expect(waiting.map((row) => [row.instances, row.failed_at, row.error])).toEqual([[['w-1'], null, null]]);
    expect(await storedAlerts('w-1')).toEqual([]);

    const other = await anotherServer();
    const alert = await alertWithLabels(other, org.tokens.viewer, { instance: 'w-1' });
    expect(alert).toMatchObject({
      status: 'triggered',
      team: 'group:default/payments',
      integration: 'inbox',
    });
    expect((await inbox()).filter((row) => row.instances.includes('w-1'))).toEqual([]);
    expect(await storedAlerts('w-1')).toEqual([{ id: alert.id }]);
  });

  it('applies a trigger then its resolve, sent in two requests, in that order', async () => {
    // Back to back on a running server: both usually wait together and are applied in one pass.
    const server = await anotherServer();
    expect((await post(server, 'o-1')).statusCode).toBe(200);
    expectAccepted(await post(server, 'o-1', true), [[fingerprintOf(labelsOf('o-1')), 'resolve']]);
    // Both waiting for a server that starts after them: applied in arrival order all the same.
    const idle = await idleServer();
    expect((await post(idle, 'o-2')).statusCode).toBe(200);
    expect((await post(idle, 'o-2', true)).statusCode).toBe(200);
    expect((await inbox()).filter((row) => row.instances.includes('o-2'))).toHaveLength(2);
    const other = await anotherServer();
    for (const instance of ['o-1', 'o-2']) {
      const listed = await alertsWithLabels(other, org.tokens.viewer, { instance });
      // Applied the other way round, the resolve would find nothing open and the trigger open one.
      expect(
        listed.map((a) => a.status),
        instance,
      ).toEqual(['resolved']);
      const detail = (
        await other.call('GET', `/api/v1/alerts/${listed[0]?.id}`, { token: org.tokens.viewer })
      ).json();
      expect(
        detail.timeline.map((t: { status: string }) => t.status),
        instance,
      ).toEqual(['triggered', 'resolved']);
    }
  });

  it('sets aside a row that cannot be applied, with why, and applies the rows after it', async () => {
    const idle = await idleServer();
    for (const instance of ['s-1', 's-bad', 's-2']) expect((await post(idle, instance)).statusCode).toBe(200);
    // Break the middle one as no sender could: a trigger with no route.
    const bad = (await inbox()).find((row) => row.instances.includes('s-bad'));
    const request = decodeRow(bad?.items as Uint8Array);
    if (Array.isArray(request)) throw new Error('a new row holds the request as received');
    expect(request.routeOf).toEqual([0]);
    await kysely()
      .updateTable('alert_inbox')
      .set({ items: await encodeRequest({ ...request, routeOf: [null] }, db().engine === 'pglite') })
      .where('seq', '=', bad?.seq as string)
      .execute();

    const other = await anotherServer();
    expect((await alertWithLabels(other, org.tokens.viewer, { instance: 's-1' })).status).toBe('triggered');
    expect((await alertWithLabels(other, org.tokens.viewer, { instance: 's-2' })).status).toBe('triggered');
    expect(await alertsWithLabels(other, org.tokens.viewer, { instance: 's-bad' })).toEqual([]);
    const left = (await inbox()).filter((row) => row.instances.some((i) => i?.startsWith('s-')));
    expect(left.map((row) => [row.seq, row.instances])).toEqual([[bad?.seq, ['s-bad']]]);
    expect(left[0]?.failed_at).toBeInstanceOf(Date);
    expect(left[0]?.error).toMatch(/\S/);
    // Set aside: not tried again by the next reader, which still answers.
    expect((await other.call('GET', '/api/v1/alerts', { token: org.tokens.viewer })).statusCode).toBe(200);
    expect((await inbox()).find((row) => row.seq === bad?.seq)?.failed_at).toEqual(left[0]?.failed_at);
  });

  it('applies rows written before routes were shared (each item with its own route), as an upgrade finds them', async () => {
    const idle = await idleServer();
    for (const instance of ['u-1', 'u-2']) expect((await post(idle, instance)).statusCode).toBe(200);
    const rows = (await inbox()).filter((row) => row.instances.some((i) => i?.startsWith('u-')));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const items = decodeItems(row.items);
      // The earlier form: the items alone, a deflated JSON array.
      await kysely()
        .updateTable('alert_inbox')
        .set({ items: deflateRawSync(JSON.stringify(items), { level: 1 }) })
        .where('seq', '=', row.seq)
        .execute();
    }
    const other = await anotherServer();
    for (const instance of ['u-1', 'u-2']) {
      const applied = await alertWithLabels(other, org.tokens.viewer, { instance });
      expect(applied).toMatchObject({ status: 'triggered', service: 'component:default/checkout' });
    }
  });

  it('stores rows compressed by PostgreSQL with lz4, and as they come (deflated) on the embedded one', async () => {
    const { rows } = await sql<{ attstorage: string; attcompression: string }>`
      select attstorage, attcompression from pg_attribute
       where attrelid = 'alert_inbox'::regclass and attname = 'items'`.execute(kysely());
    // Debian's PostgreSQL is built with lz4; PGlite is not, and keeps the column as 0025 left it.
    expect(rows[0]).toEqual(
      db().engine === 'pglite'
        ? { attstorage: 'e', attcompression: '' }
        : { attstorage: 'x', attcompression: 'l' },
    );
  });

  it('takes other work in between while it applies a long backlog (on the embedded database, too)', async () => {
    const idle = await idleServer();
    for (let i = 0; i < 120; i++) expect((await post(idle, `b-${i}`)).statusCode).toBe(200);
    const waitingNow = async () =>
      Number(
        (
          await sql<{ n: string }>`select count(*) as n from alert_inbox where failed_at is null`.execute(
            kysely(),
          )
        ).rows[0]?.n,
      );
    // The server applies them from its start, a few requests a pass. A timer's turn comes between
    // passes, not only once the inbox is empty: meanwhile the server answers requests.
    const other = await anotherServer();
    const midway = await new Promise<number>((resolve) =>
      setTimeout(() => void waitingNow().then(resolve), 0),
    );
    expect(midway).toBeGreaterThan(0);
    expect((await alertWithLabels(other, org.tokens.viewer, { instance: 'b-119' })).status).toBe('triggered');
    expect(await waitingNow()).toBe(0);
  });

  it('lists an alert right after its sender was answered, on this server or another', async () => {
    const server = await anotherServer();
    expect((await post(server, 'r-1')).statusCode).toBe(200);
    expect((await alertWithLabels(server, org.tokens.viewer, { instance: 'r-1' })).status).toBe('triggered');
    // Accepted by a server that applies nothing: a read on another server waits for it all the same.
    const idle = await idleServer();
    const other = await anotherServer();
    expect((await post(idle, 'r-2')).statusCode).toBe(200);
    expect((await alertWithLabels(other, org.tokens.viewer, { instance: 'r-2' })).status).toBe('triggered');
  });
});
