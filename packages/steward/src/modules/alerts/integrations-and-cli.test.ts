// Integrations (admins create them; the key is shown once, kept hashed, never listed; a binding must
// name an entity the catalog has; deleting revokes the key, the alerts stay), and `steward alerts …`
// as an on-call engineer runs it against a listening server.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { runStewardCli } from '../../server/test-serve.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { alertWithLabels, createIntegration, expectAccepted, uploadServices } from './alerts.test-support.ts';
import { fingerprintOf } from './ingest/incoming.ts';
import type { AlertTables } from './tables.ts';

describeEachEngine('integrations and steward alerts', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runStewardCli(args, env);

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
    await uploadServices(steward, org.tokens.admin);
    await steward.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = steward.app.server.address() as { port: number };
    env = {
      STEWARD_SERVER: `http://127.0.0.1:${port}`,
      STEWARD_TOKEN: org.tokens.member,
      STEWARD_CONFIG: join(steward.dataDir, 'no-config.json'),
    };
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
  });

  it('creates integrations for admins only, keeps the key hashed and never lists it', async () => {
    const body = { type: 'alertmanager', name: 'payments-am', service: 'checkout', urgency: 'low' };
    expect(
      (await steward.call('POST', '/api/v1/integrations', { token: org.tokens.member, body })).statusCode,
    ).toBe(403);
    const created = await createIntegration(steward, org.tokens.admin, body);
    expect(created).toMatchObject({
      name: 'payments-am',
      service: 'component:default/checkout',
      urgency: 'low',
    });
    expect(created.key.length).toBeGreaterThanOrEqual(43); // 256 random bits
    const row = await db()
      .kysely<AlertTables>()
      .selectFrom('alert_integrations')
      .select('key_hash')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(createHash('sha256').update(created.key).digest('hex'));
    const listed = await steward.call('GET', '/api/v1/integrations', { token: org.tokens.viewer });
    expect(listed.body).not.toContain(created.key);
    expect(listed.json().items.map((i: { name: string }) => i.name)).toEqual(['payments-am']);
    const again = await steward.call('POST', '/api/v1/integrations', { token: org.tokens.admin, body });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a binding to an entity the catalog does not have, naming the field', async () => {
    const response = await steward.call('POST', '/api/v1/integrations', {
      token: org.tokens.admin,
      body: { type: 'pagerduty', name: 'ghost', service: 'component:ghost' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('body.service');
    expect(response.json().detail).toContain('component:default/ghost is not in the catalog');
  });

  it('routes by the binding with its urgency; the CLI lists, shows, acks and resolves', async () => {
    const { id, key } = await createIntegration(steward, org.tokens.admin, {
      type: 'alertmanager',
      name: 'bound',
      service: 'component:ledger',
      urgency: 'low',
    });
    const labels = { alertname: 'Anything', service: 'checkout', severity: 'critical' };
    const fired = await steward.call('POST', '/api/v2/alerts', {
      body: [{ labels }],
      headers: { authorization: `Bearer ${key}` },
    });
    expectAccepted(fired, [[fingerprintOf(labels), 'trigger']]);
    const alertId = (await alertWithLabels(steward, org.tokens.viewer, { alertname: 'Anything' })).id;

    const listed = await cli('alerts', 'list', '--team', 'search', '--format', 'json');
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).items).toMatchObject([
      { id: alertId, service: 'component:default/ledger', team: 'group:default/search', urgency: 'low' },
    ]);
    const text = await cli('alerts', 'list', '--status', 'triggered');
    expect(text.stdout).toMatch(new RegExp(`^${alertId} +triggered +low +component:default/ledger`, 'm'));
    const shown = await cli('alerts', 'show', alertId);
    expect(shown.stdout).toContain('integration bound is bound to component:default/ledger');
    expect((await cli('alerts', 'ack', alertId)).code).toBe(0);
    const resolved = await cli('alerts', 'resolve', alertId, '--format', 'json');
    expect(JSON.parse(resolved.stdout)).toMatchObject({
      status: 'resolved',
      acknowledgedBy: 'mia',
      resolvedBy: 'mia',
    });
    const bad = await cli('alerts', 'list', '--status', 'burning');
    expect(bad.code).toBe(2);

    // Deleted: the key stops working at once, the alert stays.
    expect(
      (await steward.call('DELETE', `/api/v1/integrations/${id}`, { token: org.tokens.admin })).statusCode,
    ).toBe(200);
    const refused = await steward.call('POST', '/api/v2/alerts', {
      body: [{ labels: { alertname: 'Again' } }],
      headers: { authorization: `Bearer ${key}` },
    });
    expect(refused.statusCode).toBe(404);
    expect(
      (await steward.call('GET', `/api/v1/alerts/${alertId}`, { token: org.tokens.viewer })).statusCode,
    ).toBe(200);
  });
});
