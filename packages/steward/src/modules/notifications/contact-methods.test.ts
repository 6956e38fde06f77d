import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';

const slackUrl = 'https://hooks.slack.com/services/T000/B000/abcdefSECRETwxyz';

describeEachEngine('contact methods and notification rules', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
  });
  afterAll(async () => {
    await steward?.close();
  });

  const call = (token: string, method: string, url: string, body?: unknown) =>
    steward.call(method, url, { token, body });
  const methodsOf = (handle: string) => `/api/v1/users/${handle}/contact-methods`;

  it('adds methods and shows a Slack or webhook URL only by scheme, host and a hint', async () => {
    const added = await call(org.tokens.member, 'POST', methodsOf('mia'), {
      type: 'slack',
      address: slackUrl,
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      person: 'mia',
      type: 'slack',
      address: 'https://hooks.slack.com/…wxyz',
    });
    expect(added.body).not.toContain('SECRET');
    const email = await call(org.tokens.member, 'POST', methodsOf('mia'), {
      type: 'email',
      address: 'mia@example.com',
    });
    expect(email.json().address).toBe('mia@example.com');

    const list = await call(org.tokens.member, 'GET', methodsOf('mia'));
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((m: { type: string; address: string }) => [m.type, m.address])).toEqual([
      ['slack', 'https://hooks.slack.com/…wxyz'],
      ['email', 'mia@example.com'],
    ]);
    expect(list.body).not.toContain('SECRET');
  });

  it('refuses a bad address with a 400 naming body.address and what is expected', async () => {
    const cases = [
      { type: 'email', address: 'not an address', expect: /email address such as/ },
      { type: 'webhook', address: 'file:///etc/passwd', expect: /scheme file: is not allowed/ },
      { type: 'slack', address: 'ftp://hooks.example.com/x', expect: /http:\/\/ or https:\/\// },
      { type: 'webhook', address: 'nothing here', expect: /does not parse as a URL/ },
    ];
    for (const c of cases) {
      const response = await call(org.tokens.member, 'POST', methodsOf('mia'), {
        type: c.type,
        address: c.address,
      });
      expect(response.statusCode, c.address).toBe(400);
      expect(response.json().errors[0].field).toBe('body.address');
      expect(response.json().detail).toMatch(c.expect);
    }
    const badType = await call(org.tokens.member, 'POST', methodsOf('mia'), {
      type: 'sms',
      address: '+4912',
    });
    expect(badType.statusCode).toBe(400);
    expect(badType.body).toMatch(/webhook, email or slack/);
  });

  it('lets people manage only their own methods, and admins anyone’s', async () => {
    const other = await call(org.tokens.teammate, 'GET', methodsOf('mia'));
    expect(other.statusCode).toBe(403);
    expect(other.json().detail).toMatch(/only mia \(or an admin\)/);
    const add = await call(org.tokens.teammate, 'POST', methodsOf('mia'), {
      type: 'email',
      address: 'noah@example.com',
    });
    expect(add.statusCode).toBe(403);
    const viewer = await call(org.tokens.viewer, 'POST', methodsOf('vera'), {
      type: 'email',
      address: 'vera@example.com',
    });
    expect(viewer.statusCode).toBe(403);

    const byAdmin = await call(org.tokens.admin, 'POST', methodsOf('noah'), {
      type: 'email',
      address: 'noah@example.com',
    });
    expect(byAdmin.statusCode).toBe(201);
    expect((await call(org.tokens.admin, 'GET', methodsOf('mia'))).json().items).toHaveLength(2);
    const nobody = await call(org.tokens.admin, 'GET', methodsOf('nobody'));
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().detail).toMatch(/no user with handle "nobody"/);

    const removeOthers = await call(org.tokens.member, 'DELETE', `${methodsOf('noah')}/${byAdmin.json().id}`);
    expect(removeOthers.statusCode).toBe(403);
    // Another person's method id under your own handle is not yours either.
    const wrongOwner = await call(org.tokens.member, 'DELETE', `${methodsOf('mia')}/${byAdmin.json().id}`);
    expect(wrongOwner.statusCode).toBe(404);
    const removed = await call(org.tokens.teammate, 'DELETE', `${methodsOf('noah')}/${byAdmin.json().id}`);
    expect(removed.statusCode).toBe(200);
    expect((await call(org.tokens.teammate, 'GET', methodsOf('noah'))).json().items).toEqual([]);
  });

  it('answers the default rules until a person sets their own, and checks each method is theirs', async () => {
    const rulesOf = '/api/v1/users/mia/notification-rules';
    const methods = (await call(org.tokens.member, 'GET', methodsOf('mia'))).json().items;
    const [slack, email] = methods.map((m: { id: string }) => m.id);
    const defaults = await call(org.tokens.member, 'GET', rulesOf);
    expect(defaults.json()).toEqual({
      source: 'default',
      high: [
        { after: 'PT0M', contactMethod: slack },
        { after: 'PT0M', contactMethod: email },
      ],
      low: [{ after: 'PT0M', contactMethod: email }],
    });

    const own = { high: [{ after: 'PT5M', contactMethod: email }], low: [] };
    const set = await call(org.tokens.member, 'PUT', rulesOf, own);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ source: 'own', ...own });
    expect((await call(org.tokens.member, 'GET', rulesOf)).json()).toEqual({ source: 'own', ...own });

    const bad = await call(org.tokens.member, 'PUT', rulesOf, {
      high: [{ after: 'PT0M', contactMethod: 'someone-elses' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.high.0.contactMethod');
    const badAfter = await call(org.tokens.member, 'PUT', rulesOf, {
      high: [{ after: '5 minutes', contactMethod: email }],
    });
    expect(badAfter.statusCode).toBe(400);
    const noHigh = await call(org.tokens.member, 'PUT', rulesOf, {
      low: [{ after: 'PT0M', contactMethod: email }],
    });
    expect(noHigh.statusCode).toBe(400);
    expect(noHigh.json().errors[0]).toMatchObject({ field: 'body.high', message: /needs at least one rule/ });
    expect(badAfter.body).toMatch(/ISO 8601 duration/);
    expect((await call(org.tokens.outsider, 'GET', rulesOf)).statusCode).toBe(403);

    const cleared = await call(org.tokens.member, 'DELETE', rulesOf);
    expect(cleared.json().source).toBe('default');
  });
});
