// The catalog API in-process: an upload source, search with filters, facets and pages, one entity
// with its relations, changes through the API (validated like files, allowed to the owning team's
// members and admins), file-sourced entities refused with 409, and the history of each change.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../../server/test-steward.ts';

const component = (
  name: string,
  owner: string,
  tier: number,
  lifecycle: string,
  tags: string[],
  extra = '',
) =>
  `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: The ${name} service.
  tags: [${tags.join(', ')}]
  annotations:
    steward.dev/tier: "${tier}"
spec:
  type: service
  lifecycle: ${lifecycle}
  owner: group:${owner}
${extra}`;

// The teams payments and search are the Groups seedOrg created through the API (API-sourced), with
// its five people as Users: the upload holds the components alone.
const files = [
  {
    path: 'payments/catalog-info.yaml',
    content: [
      // Refs resolve ignoring case, as in Backstage.
      component('checkout', 'payments', 1, 'production', ['go'], '  dependsOn: [Component:Default/Ledger]\n'),
      component('ledger', 'payments', 2, 'production', ['java']),
      component('refunds', 'payments', 1, 'experimental', ['go', 'grpc']),
    ].join(''),
  },
  {
    path: 'search/catalog-info.yaml',
    content: [
      component('indexer', 'search', 1, 'production', ['go']),
      component('legacy-search', 'search', 3, 'deprecated', []),
    ].join(''),
  },
];

const apiEntity = (name: string, owner: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, tags: ['api-made'] },
  spec: { type: 'service', lifecycle: 'experimental', owner, dependsOn: ['component:checkout'], ...extra },
});

describeEachEngine('catalog API', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  let uploadId: string;

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
    const upload = await send(org.tokens.admin, 'POST', '/api/v1/catalog/sources', {
      kind: 'upload',
      name: 'fixture',
      files,
    });
    expect(upload.statusCode).toBe(202);
    uploadId = upload.json().source.id;
    expect((await steward.jobOf(upload, org.tokens.admin)).state).toBe('succeeded');
  });
  afterAll(async () => {
    await steward?.close();
  });

  const send = (token: string, method: string, url: string, body?: unknown) =>
    steward.call(method, url, { token, body });
  const get = (url: string, token = org.tokens.viewer) => steward.call('GET', url, { token });
  const refs = (response: { json(): { items: { ref: string }[] } }) =>
    response.json().items.map((i) => i.ref);

  it('answers an upload with its job, whose result is what it read, and lists the source', async () => {
    const again = await send(org.tokens.admin, 'POST', '/api/v1/catalog/sources', {
      kind: 'upload',
      name: 'fixture',
      files,
    });
    expect(again.statusCode).toBe(202);
    const { job } = again.json();
    expect(again.headers.location).toBe(`/api/v1/jobs/${job.id}`);
    expect(job.url).toBe(`/api/v1/jobs/${job.id}`);
    // Whoever started a job may follow it; others (not admins) may not.
    expect((await get(job.url, org.tokens.member)).statusCode).toBe(403);
    const ran = await steward.jobOf(again, org.tokens.admin);
    expect(ran).toMatchObject({ state: 'succeeded', enqueuedBy: 'admin' });
    expect(ran.result).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 5, errorCount: 0 });
    const sources = (await get('/api/v1/catalog/sources')).json().items;
    expect(sources.find((s: { id: string }) => s.id === uploadId)).toMatchObject({
      kind: 'upload',
      name: 'fixture',
      status: 'ok',
      // The owners are API-made teams: another source of the same catalog holds them, so nothing dangles.
      counts: { entities: 5, errors: 0, warnings: 0 },
    });
    const byMember = await send(org.tokens.member, 'POST', '/api/v1/catalog/sources', {
      kind: 'upload',
      name: 'x',
      files,
    });
    expect(byMember.statusCode).toBe(403);
  });

  it('refuses upload paths that would leave the upload directory, naming the field', async () => {
    const response = await send(org.tokens.admin, 'POST', '/api/v1/catalog/sources', {
      kind: 'upload',
      name: 'escape',
      files: [{ path: '../outside.yaml', content: component('escapee', 'payments', 1, 'production', []) }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      {
        field: 'body.files[0].path',
        message: expect.stringContaining('must stay inside the directory imported'),
      },
    ]);
  });

  it('filters by kind, owner, tier, lifecycle, tag and text, with facets over what matched', async () => {
    expect(refs(await get('/api/v1/entities?kind=Component&limit=100'))).toEqual([
      'component:default/checkout',
      'component:default/indexer',
      'component:default/ledger',
      'component:default/legacy-search',
      'component:default/refunds',
    ]);
    const owned = await get('/api/v1/entities?owner=payments');
    expect(refs(owned)).toEqual([
      'component:default/checkout',
      'component:default/ledger',
      'component:default/refunds',
    ]);
    expect(owned.json().facets).toEqual({
      kind: { component: 3 },
      owner: { 'group:default/payments': 3 },
      tier: { '1': 2, '2': 1 },
      lifecycle: { production: 2, experimental: 1 },
      tag: { go: 2, grpc: 1, java: 1 },
    });
    expect(refs(await get('/api/v1/entities?tier=1&tag=go&lifecycle=production'))).toEqual([
      'component:default/checkout',
      'component:default/indexer',
    ]);
    expect(refs(await get('/api/v1/entities?q=LEGACY%20service'))).toEqual([
      'component:default/legacy-search',
    ]);
    expect(refs(await get('/api/v1/entities?owner=Group:Default/Payments'))).toEqual(refs(owned));
    expect(refs(await get('/api/v1/entities?owner=group:default/search&kind=component'))).toEqual([
      'component:default/indexer',
      'component:default/legacy-search',
    ]);
    const all = (await get('/api/v1/entities')).json().facets.kind;
    expect(all).toEqual({ component: 5, group: 3, user: 5 });
  });

  it('pages with an opaque cursor: every entity once, in ref order; a forged cursor is a 400', async () => {
    const seen: string[] = [];
    let url = '/api/v1/entities?limit=2';
    for (let page = 0; page < 10; page++) {
      const body = (await get(url)).json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((i: { ref: string }) => i.ref));
      if (!body.nextCursor) break;
      url = `/api/v1/entities?limit=2&cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual(refs(await get('/api/v1/entities?limit=100')));
    expect(seen).toHaveLength(13);
    const owned = (await get('/api/v1/entities?owner=payments&limit=2')).json();
    const second = (await get(`/api/v1/entities?owner=payments&limit=2&cursor=${owned.nextCursor}`)).json();
    expect([...owned.items, ...second.items].map((i: { ref: string }) => i.ref)).toEqual([
      'component:default/checkout',
      'component:default/ledger',
      'component:default/refunds',
    ]);
    expect(second.nextCursor).toBeNull();
    const forged = await get('/api/v1/entities?cursor=not-a-cursor');
    expect(forged.statusCode).toBe(400);
    expect(forged.json().errors[0].field).toBe('querystring.cursor');
  });

  it('shows one entity with its owners, relations both ways, source and position', async () => {
    const ledger = (await get('/api/v1/entities/component/default/ledger')).json();
    expect(ledger).toMatchObject({
      ref: 'component:default/ledger',
      owner: 'group:default/payments',
      tier: '2',
      owners: [{ ref: 'group:default/payments', role: 'primary' }],
      relations: {
        outgoing: [{ type: 'ownedBy', targetRef: 'group:default/payments', targetExists: true }],
        incoming: [{ type: 'dependsOn', sourceRef: 'component:default/checkout' }],
      },
      source: { id: uploadId, kind: 'upload', name: 'fixture' },
      file: 'payments/catalog-info.yaml',
      // checkout (with its dependsOn) takes lines 1-14; ledger's document starts after its `---`, on 16.
      line: 16,
      // The owner is an API-made team: held by the catalog, if not by this upload, so not dangling.
      problems: [],
      links: { history: '/api/v1/entities/component/default/ledger/history' },
    });
    expect((await get('/api/v1/entities/Component/default/LEDGER')).json().ref).toBe(
      'component:default/ledger',
    );
    expect((await get('/api/v1/entities/component/default/nope')).statusCode).toBe(404);
  });

  it('lets a member of the owning team create, a teammate and an admin change, and refuses everyone else', async () => {
    const created = await send(
      org.tokens.member,
      'POST',
      '/api/v1/entities',
      apiEntity('fraud-check', 'group:payments'),
    );
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      ref: 'component:default/fraud-check',
      source: { id: 'api', kind: 'api' },
      problems: [],
    });
    const url = '/api/v1/entities/component/default/fraud-check';
    const change = (lifecycle: string) => apiEntity('fraud-check', 'group:payments', { lifecycle });
    expect((await send(org.tokens.teammate, 'PUT', url, change('production'))).statusCode).toBe(200);
    const outsider = await send(org.tokens.outsider, 'PUT', url, change('deprecated'));
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().detail).toBe(
      'only members of a team that owns component:default/fraud-check (group:default/payments) or admins may change it; otto is in the teams search',
    );
    expect((await send(org.tokens.viewer, 'PUT', url, change('deprecated'))).statusCode).toBe(403);
    expect((await send(org.tokens.loner, 'DELETE', url)).statusCode).toBe(403);
    const admin = await send(org.tokens.admin, 'PUT', url, change('deprecated'));
    expect(admin.statusCode).toBe(200);
    expect(admin.json().lifecycle).toBe('deprecated');
    const giveAway = await send(org.tokens.member, 'PUT', url, apiEntity('fraud-check', 'group:search'));
    expect(giveAway.statusCode).toBe(403);
    expect(giveAway.json().detail).toContain('would be owned by group:default/search, a team mia is not in');
    const foreign = await send(
      org.tokens.member,
      'POST',
      '/api/v1/entities',
      apiEntity('not-mine', 'group:search'),
    );
    expect(foreign.statusCode).toBe(403);
    const group = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'rogue' },
      spec: { type: 'team', children: [] },
    };
    expect((await send(org.tokens.member, 'POST', '/api/v1/entities', group)).statusCode).toBe(403);
    expect(
      (await send(org.tokens.member, 'POST', '/api/v1/entities', apiEntity('fraud-check', 'group:payments')))
        .statusCode,
    ).toBe(409);
  });

  it('refuses to change an entity read from a source, saying which source holds it (409)', async () => {
    const body = apiEntity('ledger', 'group:payments');
    const response = await send(org.tokens.admin, 'PUT', '/api/v1/entities/component/default/ledger', body);
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toContain(
      'component:default/ledger comes from the catalog source "fixture" (upload fixture) at payments/catalog-info.yaml:16',
    );
    expect(
      (await send(org.tokens.admin, 'DELETE', '/api/v1/entities/component/default/ledger')).statusCode,
    ).toBe(409);
    const created = await send(org.tokens.admin, 'POST', '/api/v1/entities', body);
    expect(created.statusCode).toBe(409);
  });

  it('validates a body with the engine, each problem named by its field path', async () => {
    const bad = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'broken', tags: ['ok', 'Not OK'] },
      spec: { type: 'service', owner: 'group:' },
      status: {},
    };
    const response = await send(org.tokens.member, 'POST', '/api/v1/entities', bad);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const fields = response
      .json()
      .errors.map((e: { field: string; message: string }) => [e.field, e.message.split(':')[0]]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ['body.status', 'unknown-field'],
        ['body.metadata.tags[1]', 'invalid-tag'],
        ['body.spec', 'missing-field'],
        ['body.spec.owner', 'invalid-ref'],
      ]),
    );
    expect(response.json().errors.find((e: { field: string }) => e.field === 'body.spec').message).toContain(
      'lifecycle',
    );
    const mismatch = await send(
      org.tokens.member,
      'PUT',
      '/api/v1/entities/component/default/fraud-check',
      apiEntity('other-name', 'group:payments'),
    );
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().errors).toEqual([
      {
        field: 'body.metadata.name',
        message: expect.stringContaining('describes component:default/other-name but the URL names'),
      },
    ]);
  });

  it('keeps a dangling ref as a warning on the entity, and checks refs against the whole catalog', async () => {
    const created = await send(
      org.tokens.member,
      'POST',
      '/api/v1/entities',
      apiEntity('payouts', 'group:payments', { dependsOn: ['component:checkout', 'component:ghost'] }),
    );
    expect(created.statusCode).toBe(201);
    expect(created.json().problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'dangling-ref',
        entity: 'component:default/payouts',
        file: 'api',
      }),
    ]);
    expect(created.json().problems[0].message).toContain(
      'body.spec.dependsOn[1]: refers to component:default/ghost',
    );
    const problems = (await get('/api/v1/catalog/problems?entity=component:payouts')).json().items;
    expect(problems).toHaveLength(1);
    expect((await get('/api/v1/catalog/problems?source=api&severity=error')).json().items).toEqual([]);
  });

  it('creates a schedule whose members the catalog has; a member it lacks is a 400 naming the field', async () => {
    const rota = (members: string[]) => ({
      apiVersion: 'steward.dev/v1',
      kind: 'Schedule',
      metadata: { name: 'payments-rota' },
      spec: {
        owner: 'group:payments',
        timeZone: 'Europe/Berlin',
        layers: [{ name: 'weekly', start: '2026-01-05T09:00', rotation: 'P1W', members }],
      },
    });
    const refused = await send(org.tokens.admin, 'POST', '/api/v1/entities', rota(['mia', 'ghost']));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { field: 'body.spec.layers[0].members[1]', message: expect.stringContaining('missing-target: ') },
    ]);
    const created = await send(org.tokens.admin, 'POST', '/api/v1/entities', rota(['mia', 'user:noah']));
    expect(created.statusCode).toBe(201);
    expect(created.json().problems).toEqual([]);
  });

  it('keeps an entity whose owner is an e-mail address, warning that no entity can have that ref', async () => {
    const body = apiEntity('mailer', 'john@example.com', { system: 'Some System', dependsOn: [] });
    const created = await send(org.tokens.admin, 'POST', '/api/v1/entities', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      ref: 'component:default/mailer',
      owner: 'group:default/john@example.com',
      owners: [{ ref: 'group:default/john@example.com', role: 'primary' }],
      entity: { spec: { owner: 'john@example.com', system: 'Some System' } },
    });
    const problems = created
      .json()
      .problems.map((p: { code: string; message: string }) => [
        p.code,
        p.message.slice(0, p.message.indexOf(':')),
      ]);
    expect(problems).toEqual([
      ['nonstandard-ref', 'body.spec.owner'],
      ['nonstandard-ref', 'body.spec.system'],
    ]);
    expect(
      (await send(org.tokens.admin, 'DELETE', '/api/v1/entities/component/default/mailer')).statusCode,
    ).toBe(204);
  });

  it('stores a long nonstandard owner up to 1 KiB (indexes take it), and records no relation past that', async () => {
    const recorded = `group:default/${'o'.repeat(1000)}`;
    const long = await send(org.tokens.admin, 'POST', '/api/v1/entities', apiEntity('long-owner', recorded));
    expect(long.statusCode).toBe(201);
    expect(long.json()).toMatchObject({ owner: recorded, owners: [{ ref: recorded }] });
    // 600 two-byte characters: 1,200 bytes, past what is recorded.
    const wide = await send(
      org.tokens.admin,
      'POST',
      '/api/v1/entities',
      apiEntity('wide-owner', 'é'.repeat(600)),
    );
    expect(wide.statusCode).toBe(201);
    expect(wide.json()).toMatchObject({ owner: null, owners: [] });
    expect(wide.json().problems[0].message).toContain('it is too long to record as a relation');
    for (const name of ['long-owner', 'wide-owner']) {
      const url = `/api/v1/entities/component/default/${name}`;
      expect((await send(org.tokens.admin, 'DELETE', url)).statusCode).toBe(204);
    }
  });

  it('records every change in the history, newest first, with who made it and the audit log', async () => {
    const url = '/api/v1/entities/component/default/fraud-check';
    expect((await send(org.tokens.teammate, 'DELETE', url)).statusCode).toBe(204);
    expect((await get(url)).statusCode).toBe(404);
    const history = (await get(`${url}/history`)).json().items;
    expect(history.map((h: { change: string; actor: string }) => [h.change, h.actor])).toEqual([
      ['deleted', 'user:noah'],
      ['updated', 'user:admin'],
      ['updated', 'user:noah'],
      ['created', 'user:mia'],
    ]);
    expect(history[1].before.spec.lifecycle).toBe('production');
    expect(history[1].after.spec.lifecycle).toBe('deprecated');
    expect(history[0].after).toBeNull();
    const ledgerHistory = (await get('/api/v1/entities/component/default/ledger/history')).json().items;
    expect(ledgerHistory).toEqual([
      expect.objectContaining({ change: 'created', actor: `source:${uploadId}`, revision: null }),
    ]);
    const audit = (await get('/api/v1/audit?subjectType=entity&limit=50', org.tokens.admin)).json().items;
    expect(
      audit
        .filter((a: { subjectId: string }) => a.subjectId === 'component:default/fraud-check')
        .map((a: { action: string }) => a.action),
    ).toEqual(['entity.delete', 'entity.update', 'entity.update', 'entity.create']);
  });

  it('removes a source with its entities through the API (admins)', async () => {
    expect((await send(org.tokens.member, 'DELETE', `/api/v1/catalog/sources/${uploadId}`)).statusCode).toBe(
      403,
    );
    const removed = await send(org.tokens.admin, 'DELETE', `/api/v1/catalog/sources/${uploadId}`);
    expect((await steward.jobOf(removed, org.tokens.admin)).result).toEqual({ removed: 5 });
    expect(refs(await get('/api/v1/entities?kind=component&limit=100'))).toEqual([
      'component:default/payouts',
    ]);
    const payouts = (await get('/api/v1/entities/component/default/payouts')).json();
    expect(payouts.relations.outgoing).toEqual(
      expect.arrayContaining([
        { type: 'dependsOn', targetRef: 'component:default/checkout', targetExists: false },
      ]),
    );
    expect((await send(org.tokens.admin, 'DELETE', '/api/v1/catalog/sources/api')).statusCode).toBe(409);
    expect((await send(org.tokens.admin, 'DELETE', `/api/v1/catalog/sources/${uploadId}`)).statusCode).toBe(
      404,
    );
  });
});
