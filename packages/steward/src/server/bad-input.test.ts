// The client's mistakes get a clear 4xx problem+json that names what was wrong, never a 500.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestSteward, type TestSteward } from '../modules/identity/test-org.ts';
import { describeEachEngine } from '../platform/db/test-engines.ts';

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
});
