import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type App, createApp, registerRoutes } from '../../server/app.ts';
import { describeEachEngine } from '../../server/test-engines.ts';
import type { Authenticator, Principal, Role } from '../auth/principal.ts';
import { scopesForRole } from '../auth/principal.ts';
import { silentLogger } from '../logging.ts';
import { createMetrics } from '../metrics.ts';
import { defineJob, PermanentJobError } from './definition.ts';
import { jobRoutes } from './routes.ts';
import { JobRunner } from './runner.ts';

/** Signs requests in as the role named in the x-test-role header. */
const authenticator: Authenticator = {
  async authenticate(request) {
    const role = request.headers['x-test-role'] as Role | undefined;
    if (!role) return null;
    const principal: Principal = {
      userId: role,
      handle: role,
      name: role,
      role,
      scopes: scopesForRole[role],
      teamIds: [],
      teams: [],
      via: 'token',
    };
    return principal;
  },
};

const admin = { 'x-test-role': 'admin' };

describeEachEngine('jobs admin API', ({ db }) => {
  let app: App;
  let runner: JobRunner;
  let deadId: string;
  const unreliable = defineJob({
    name: 'test.api-unreliable',
    handler: async () => {
      throw new PermanentJobError('the webhook answered 410 Gone');
    },
  });

  beforeAll(async () => {
    runner = new JobRunner({ database: db(), logger: silentLogger(), pollIntervalMs: 30_000 });
    app = await createApp({
      logger: silentLogger(),
      metrics: createMetrics(),
      authenticator,
      bodyLimit: 1024 * 1024,
      isReady: async () => true,
      version: 'test',
    });
    await registerRoutes(app, jobRoutes(runner));
    runner.register(unreliable);
    await runner.start();
    deadId = await runner.enqueue(unreliable, { webhook: 'https://example.test/hook' });
    await vi.waitFor(async () => expect((await runner.get(deadId))?.state).toBe('dead'), 5000);
    await runner.stop();
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists jobs filtered by state and name', async () => {
    await runner.enqueue(unreliable, { webhook: 'https://example.test/later' }, { delayMs: 3_600_000 });
    const dead = await app.inject({
      url: '/api/v1/jobs?state=dead&name=test.api-unreliable',
      headers: admin,
    });
    expect(dead.statusCode).toBe(200);
    expect(dead.json().items).toEqual([
      expect.objectContaining({
        id: deadId,
        name: 'test.api-unreliable',
        state: 'dead',
        payload: { webhook: 'https://example.test/hook' },
        attempts: 1,
        lastError: 'the webhook answered 410 Gone',
        finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    const all = await app.inject({ url: '/api/v1/jobs?name=test.api-unreliable&limit=1', headers: admin });
    expect(all.json().items).toHaveLength(1);
    expect(all.json().items[0].state).toBe('pending');
  });

  it('moves a dead job back to pending with fresh attempts, and only a dead one', async () => {
    const retried = await app.inject({ method: 'POST', url: `/api/v1/jobs/${deadId}/retry`, headers: admin });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id: deadId, state: 'pending', attempts: 0, finishedAt: null });
    expect((await runner.get(deadId))?.state).toBe('pending');
    const again = await app.inject({ method: 'POST', url: `/api/v1/jobs/${deadId}/retry`, headers: admin });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe(`job ${deadId} is pending; only dead jobs can be retried`);
  });

  it('answers problems for unknown jobs, bad input and callers who are not admins', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const notFound = await app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${missing}/retry`,
      headers: admin,
    });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.headers['content-type']).toContain('application/problem+json');
    const badId = await app.inject({ method: 'POST', url: '/api/v1/jobs/42/retry', headers: admin });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].field).toBe('params.id');
    const badState = await app.inject({ url: '/api/v1/jobs?state=stuck', headers: admin });
    expect(badState.statusCode).toBe(400);
    const unknownField = await app.inject({ url: '/api/v1/jobs?color=red', headers: admin });
    expect(unknownField.statusCode).toBe(400);
    const member = await app.inject({ url: '/api/v1/jobs', headers: { 'x-test-role': 'member' } });
    expect(member.statusCode).toBe(403);
    const anonymous = await app.inject({ method: 'POST', url: `/api/v1/jobs/${deadId}/retry` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('shows a job to admins and to whoever asked for it, and cancels a pending one', async () => {
    const id = await runner.enqueue(unreliable, {}, { delayMs: 3_600_000, enqueuedBy: 'member' });
    const own = await app.inject({ url: `/api/v1/jobs/${id}`, headers: { 'x-test-role': 'member' } });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      id,
      state: 'pending',
      enqueuedBy: 'member',
      url: `/api/v1/jobs/${id}`,
    });
    const other = await app.inject({ url: `/api/v1/jobs/${id}`, headers: { 'x-test-role': 'viewer' } });
    expect(other.statusCode).toBe(403);
    const cancelled = await app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/cancel`, headers: admin });
    expect(cancelled.json()).toMatchObject({ id, state: 'cancelled' });
    const again = await app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/cancel`, headers: admin });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe(`job ${id} is cancelled; only a pending job can be cancelled`);
  });
});
