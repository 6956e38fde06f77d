// The suppression routes on an app built as server/app.ts builds Steward's (problem+json, zod,
// access checks), on both engines: what callers send (Alertmanager's matcher objects or the string
// form), what they may do, and how each mistake is answered.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Authenticator } from '../../../platform/auth/principal.ts';
import { silentLogger } from '../../../platform/logging.ts';
import { createMetrics } from '../../../platform/metrics.ts';
import { type App, createApp, registerRoutes } from '../../../server/app.ts';
import { moduleMigrationFolders } from '../../../server/modules.ts';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { createSuppression } from './index.ts';
import { person, shopCatalog, withSuppressionTables } from './suppression.test-support.ts';

const people = {
  mia: person('mia', 'member', ['payments']),
  otto: person('otto', 'member', ['search']),
  vera: person('vera', 'viewer', ['payments']),
  admin: person('admin', 'admin'),
};
type Who = keyof typeof people;
const authenticator: Authenticator = {
  async authenticate(request) {
    const token = String(request.headers.authorization ?? '').replace('Bearer ', '');
    return people[token as Who] ?? null;
  },
};
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describeEachEngine('suppression routes', ({ db }) => {
  let app: App;
  beforeAll(async () => {
    const database = await withSuppressionTables(db(), moduleMigrationFolders);
    const suppression = createSuppression({ database, catalog: await shopCatalog() });
    app = await createApp({
      logger: silentLogger(),
      metrics: createMetrics(),
      authenticator,
      bodyLimit: 64 * 1024,
      isReady: async () => true,
      version: 'test',
    });
    await registerRoutes(app, suppression.routes);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });
  const call = (who: Who, method: string, url: string, body?: unknown) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${who}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });

  it("takes Alertmanager's silence body and the string form, recording the caller", async () => {
    const created = await call('mia', 'POST', '/api/v1/silences', {
      matchers: [
        { name: 'alertname', value: 'HighLatency', isRegex: false, isEqual: true },
        { name: 'env', value: 'prod|staging', isRegex: true },
      ],
      startsAt: new Date().toISOString(),
      endsAt: inHours(2),
      createdBy: 'somebody-else',
      comment: 'known issue, fix deploying',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      createdBy: 'mia',
      state: 'active',
      text: 'alertname="HighLatency", env=~"prod|staging"',
      matchers: [{ isEqual: true }, { isEqual: true, isRegex: true }],
    });
    const text = await call('otto', 'POST', '/api/v1/silences', {
      matchers: ['service="search-api"', 'severity!~"crit|page"'],
      endsAt: inHours(1),
      comment: 'noise',
    });
    expect(text.statusCode).toBe(201);
    const active = (await call('vera', 'GET', '/api/v1/silences?state=active')).json();
    expect(active.items.map((s: { id: string }) => s.id)).toEqual([text.json().id, created.json().id]);
    expect((await call('vera', 'GET', '/api/v1/silences?state=pending')).json().items).toEqual([]);
    expect((await call('vera', 'GET', `/api/v1/silences/${text.json().id}`)).json().comment).toBe('noise');
  });

  it('answers each mistake with a 400 naming the field, and a viewer with 403', async () => {
    const bad = async (body: object, field: string) => {
      const response = await call('mia', 'POST', '/api/v1/silences', body);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.json())).toContain(field);
      return response.json();
    };
    const base = { endsAt: inHours(1), comment: 'c' };
    const regex = await bad({ ...base, matchers: ['ok="1"', 'host=~"(a+"'] }, 'body.matchers.1');
    expect(regex.detail).toContain('(a+');
    await bad({ ...base, matchers: [] }, 'body.matchers');
    await bad({ ...base, matchers: ['team=~".*"'] }, 'must not match the empty string');
    await bad({ endsAt: inHours(1), matchers: ['a="b"'] }, 'comment');
    await bad({ ...base, matchers: ['a="b"'], endsAt: 'tomorrow' }, 'endsAt');
    await bad({ comment: 'c', matchers: ['a="b"'] }, 'body.endsAt');
    expect(
      (await call('vera', 'POST', '/api/v1/silences', { ...base, matchers: ['a="b"'] })).statusCode,
    ).toBe(403);
    expect((await call('vera', 'GET', '/api/v1/silences?state=soon')).statusCode).toBe(400);
  });

  it('expires a silence with DELETE, once', async () => {
    const created = await call('mia', 'POST', '/api/v1/silences', {
      matchers: ['x="y"'],
      endsAt: inHours(1),
      comment: 'c',
    });
    const url = `/api/v1/silences/${created.json().id}`;
    const expired = await call('otto', 'DELETE', url);
    expect(expired.statusCode).toBe(200);
    expect(expired.json()).toMatchObject({ state: 'expired', expiredBy: 'otto' });
    expect((await call('otto', 'DELETE', url)).statusCode).toBe(409);
    expect((await call('otto', 'DELETE', '/api/v1/silences/nope')).statusCode).toBe(404);
    const expiredList = (await call('vera', 'GET', '/api/v1/silences?state=expired')).json();
    expect(expiredList.items.map((s: { id: string }) => s.id)).toContain(created.json().id);
  });

  it("opens and ends maintenance windows for a service's owners and admins", async () => {
    const body = { service: 'checkout', endsAt: inHours(3), reason: 'database upgrade' };
    const opened = await call('mia', 'POST', '/api/v1/maintenance-windows', body);
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({
      service: 'component:default/checkout',
      state: 'active',
      createdBy: 'mia',
    });
    expect((await call('otto', 'POST', '/api/v1/maintenance-windows', body)).statusCode).toBe(403);
    const missing = await call('admin', 'POST', '/api/v1/maintenance-windows', {
      ...body,
      service: 'group:default/nope',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toContain('group:default/nope');
    const list = (
      await call('vera', 'GET', '/api/v1/maintenance-windows?service=checkout&state=active')
    ).json();
    expect(list.items.map((w: { id: string }) => w.id)).toEqual([opened.json().id]);
    const url = `/api/v1/maintenance-windows/${opened.json().id}`;
    expect((await call('vera', 'GET', url)).json().reason).toBe('database upgrade');
    expect((await call('vera', 'GET', '/api/v1/maintenance-windows/nope')).statusCode).toBe(404);
    expect((await call('otto', 'DELETE', url)).statusCode).toBe(403);
    expect((await call('admin', 'DELETE', url)).json()).toMatchObject({ state: 'expired', endedBy: 'admin' });
  });

  it('describes every route in the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject({ url: '/api/openapi.json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/silences',
        '/api/v1/silences/{id}',
        '/api/v1/maintenance-windows',
        '/api/v1/maintenance-windows/{id}',
      ]),
    );
  });
});
