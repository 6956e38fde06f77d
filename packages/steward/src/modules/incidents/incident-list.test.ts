// The incident list's severity filter, which the portal's list offers beside state, team and service:
// only that severity comes back, and a severity this Steward does not have is a 400 naming the ones it has.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';
import { seedIncidentOrg } from './incidents.test-support.ts';

describeEachEngine('incident list by severity', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
    // Nobody is paged here (SEV3 and SEV4 page no commander), so no receiver needs to listen.
    await seedIncidentOrg(steward, org.tokens.admin, { url: 'http://127.0.0.1:9' });
  }, 60_000);
  afterAll(async () => {
    await steward?.close();
  });

  const call = (method: string, url: string, body?: unknown) =>
    steward.call(method, url, { token: org.tokens.member, body });

  it('answers only the incidents of the severity asked for', async () => {
    const declared: Record<string, string> = {};
    for (const severity of ['SEV3', 'SEV4', 'SEV3']) {
      const title = `${severity} ${Object.keys(declared).length}`;
      const answer = await call('POST', '/api/v1/incidents', { title, severity, services: ['ledger'] });
      expect(answer.statusCode, answer.body).toBe(201);
      declared[answer.json().id] = severity;
    }
    const sev3 = await call('GET', '/api/v1/incidents?severity=SEV3');
    expect(sev3.statusCode, sev3.body).toBe(200);
    const ids = sev3.json().items.map((i: { id: string }) => i.id);
    const expected = Object.keys(declared).filter((id) => declared[id] === 'SEV3');
    expect(ids.sort()).toEqual(expected.sort());
  });

  it('refuses a severity it does not have, naming the ones it has', async () => {
    const answer = await call('GET', '/api/v1/incidents?severity=SEV9');
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors).toEqual([
      {
        field: 'querystring.severity',
        message: '"SEV9" is not a severity here; use one of SEV1, SEV2, SEV3, SEV4',
      },
    ]);
  });
});
