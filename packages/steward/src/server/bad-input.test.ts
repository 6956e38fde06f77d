// The client's mistakes get a clear 4xx problem+json that names what was wrong, never a 500.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from './test-engines.ts';
import { startTestSteward, type TestSteward } from './test-steward.ts';

describeEachEngine('bad input over HTTP', ({ db }) => {
  let steward: TestSteward;
  beforeAll(async () => {
    steward = await startTestSteward(db());
  });
  afterAll(async () => {
    await steward?.close();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    steward.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: {
        authorization: `Bearer ${steward.adminToken}`,
        'content-type': 'application/json',
        ...headers,
      },
      payload: body,
    });

  it('malformed JSON: 400 saying the body is not valid JSON', async () => {
    const response = await post('{"name": "sre",');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toMatch(/not valid JSON/);
  });

  it('unknown fields: 400 naming each of them', async () => {
    const response = await post(JSON.stringify({ name: 'sre', colour: 'blue', budget: 3 }));
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.detail).toContain('"colour"');
    expect(problem.detail).toContain('"budget"');
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'body' })]);
  });

  it('a wrong value: 400 naming the field and what would be right', async () => {
    const response = await post(JSON.stringify({ name: 'Not A Handle!' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'body.name', message: expect.stringContaining('lower-case letters, digits') },
    ]);
  });

  it('an oversized body: 413, and the server still answers afterwards', async () => {
    const response = await post(JSON.stringify({ name: 'sre', description: 'x'.repeat(128 * 1024) }));
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toMatch(/smaller/);
    expect((await steward.app.inject('/livez')).statusCode).toBe(200);
  });

  it('a body in a type the API does not take: 415', async () => {
    const response = await post('name=sre', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.statusCode).toBe(415);
  });

  it('a password change without the current password: 400 naming the field; a wrong one: 403', async () => {
    const me = 'admin';
    const missing = await steward.call('PATCH', `/api/v1/users/${me}`, {
      token: steward.adminToken,
      body: { password: 'a new admin passphrase' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([
      { field: 'body.currentPassword', message: expect.stringContaining('send your current password') },
    ]);
    const wrong = await steward.call('PATCH', `/api/v1/users/${me}`, {
      token: steward.adminToken,
      body: { password: 'a new admin passphrase', currentPassword: 'not the password' },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().detail).toContain('body.currentPassword is not your current password');
  });

  it('no credentials: 401; a revoked token: 401 saying so; a viewer changing things: 403', async () => {
    const anonymous = await steward.app.inject({ method: 'GET', url: '/api/v1/teams' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().detail).toMatch(/Authorization: Bearer/);

    const created = await steward.call('POST', '/api/v1/users', {
      token: steward.adminToken,
      body: { handle: 'vic', name: 'Vic Viewer', role: 'viewer' },
    });
    expect(created.statusCode).toBe(201);
    const token = await steward.call('POST', '/api/v1/tokens', {
      token: steward.adminToken,
      body: { name: 'vic-cli', scopes: ['read'], owner: 'vic' },
    });
    expect(token.statusCode).toBe(201);
    const { id, secret } = token.json();

    await steward.call('POST', '/api/v1/teams', { token: steward.adminToken, body: { name: 'ops' } });
    const write = await steward.call('PATCH', '/api/v1/teams/ops', {
      token: secret,
      body: { description: 'mine' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().detail).toMatch(/viewer/i);

    expect(
      (await steward.call('DELETE', `/api/v1/tokens/${id}`, { token: steward.adminToken })).statusCode,
    ).toBeLessThan(300);
    const revoked = await steward.call('GET', '/api/v1/teams', { token: secret });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().detail).toMatch(/revoked/);
  });

  // PostgreSQL stores neither U+0000 nor half of a surrogate pair; JSON can carry both, escaped.
  const signIn = (body: string) =>
    steward.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });

  it('a NUL in the sign-in handle: 400 naming body.handle, on the public route too', async () => {
    const response = await signIn('{"handle": "ad\\u0000min", "password": "not it"}');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      { field: 'body.handle', message: expect.stringMatching(/U\+0000.*at character 3/) },
    ]);
  });

  it('a lone surrogate in the sign-in handle: 400 naming body.handle', async () => {
    const response = await signIn('{"handle": "\\ud800", "password": "not it"}');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'body.handle', message: expect.stringMatching(/lone surrogate \\ud800/) },
    ]);
    const low = await signIn('{"handle": "x", "password": "ok\\udc00"}');
    expect(low.statusCode).toBe(400);
    expect(low.json().errors[0].field).toBe('body.password');
  });

  it('a well-formed pair of surrogates (an emoji) is text like any other', async () => {
    const response = await post(JSON.stringify({ name: 'emoji', displayName: 'Fire \ud83d\udd25 team' }));
    expect(response.statusCode).toBe(201);
    expect(response.json().displayName).toBe('Fire 🔥 team');
  });

  it('the same pair written as JSON escapes, or an escaped backslash before u0000, is text too', async () => {
    const escaped = await post('{"name": "escaped", "displayName": "Fire \\ud83d\\udd25 team"}');
    expect(escaped.statusCode).toBe(201);
    expect(escaped.json().displayName).toBe('Fire 🔥 team');
    const backslash = await post('{"name": "backslash", "displayName": "C:\\\\u0000"}');
    expect(backslash.statusCode).toBe(201);
    expect(backslash.json().displayName).toBe('C:\\u0000');
  });

  it('a NUL in a team name: 400 naming the field; nothing is stored', async () => {
    const response = await post('{"name": "sre", "displayName": "Site\\u0000Reliability"}');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'body.displayName', message: expect.stringContaining('U+0000') },
    ]);
    const named = await post('{"name": "sre\\u0000"}');
    expect(named.statusCode).toBe(400);
    expect(named.json().errors[0].field).toBe('body.name');
    const teams = await steward.call('GET', '/api/v1/teams', { token: steward.adminToken });
    expect(teams.json().items.map((t: { name: string }) => t.name)).not.toContain('sre');
  });

  it('a NUL in a key deep inside the body: 400 naming the object and the key', async () => {
    const response = await post(
      '{"name": "sre", "entity": {"metadata": {"annotations": {"x\\u0000y": "1"}}}}',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      {
        field: 'body.entity.metadata.annotations',
        message: expect.stringContaining('the key "x\\u0000y"'),
      },
    ]);
  });

  it('JSON nested 5,000 deep: 400 stating the limit, and the server still answers', async () => {
    const deep = `{"name": "sre", "description": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const response = await post(deep);
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.detail).toMatch(/at most 64/);
    expect(problem.errors[0].field).toMatch(/^body\.description(\.0)+/);
    const objects = await post(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`);
    expect(objects.statusCode).toBe(400);
    expect((await steward.app.inject('/livez')).statusCode).toBe(200);
  });

  it('JSON nested exactly 64 deep passes the edge; 65 is refused there', async () => {
    // The body is one level; 63 arrays inside make 64, and the route's own schema refuses the value.
    const at = (arrays: number) =>
      post(`{"name": "sre", "description": ${'['.repeat(arrays)}${']'.repeat(arrays)}}`);
    const limit = (await at(63)).json();
    expect(limit.detail).not.toMatch(/at most 64/);
    expect(limit.errors[0].field).toBe('body.description');
    const over = (await at(64)).json();
    expect(over.detail).toMatch(/at most 64/);
  });

  it('a NUL in a path parameter: 400 naming it', async () => {
    const response = await steward.call('GET', '/api/v1/users/ad%00min', { token: steward.adminToken });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'params.handle', message: expect.stringContaining('U+0000') },
    ]);
  });

  it('an invalid UTF-8 sequence in a path: 400 problem+json', async () => {
    const response = await steward.call('GET', '/api/v1/users/%ED%A0%80', { token: steward.adminToken });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toMatch(/UTF-8/);
  });

  it('a NUL or an invalid UTF-8 sequence in a query parameter: 400 naming it', async () => {
    for (const q of ['%00', 'a%00b', '%ED%A0%80', '%C0']) {
      const response = await steward.call('GET', `/api/v1/entities?q=${q}`, {
        token: steward.adminToken,
      });
      expect(response.statusCode, q).toBe(400);
      expect(response.json().errors, q).toEqual([{ field: 'querystring.q', message: expect.any(String) }]);
    }
  });
});
