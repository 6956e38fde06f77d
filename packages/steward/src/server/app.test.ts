import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../platform/logging.ts';
import type { App } from './app.ts';
import { assemble } from './compose.ts';
import { describeEachEngine } from './test-engines.ts';

const config = { bodyLimit: 64 * 1024, webDir: '/nonexistent', dataDir: '/nonexistent' };

describeEachEngine('the HTTP app', ({ db }) => {
  let app: App;
  let setReady: (ready: boolean) => void;

  beforeAll(async () => {
    const assembled = await assemble({ database: db(), logger: silentLogger(), config });
    app = assembled.app;
    setReady = assembled.setReady;
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is live at once, and ready only once told so and the database answers', async () => {
    expect((await app.inject('/livez')).statusCode).toBe(200);
    const notReady = await app.inject('/readyz');
    expect(notReady.statusCode).toBe(503);
    expect(notReady.headers['content-type']).toContain('application/problem+json');
    setReady(true);
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('serves a valid OpenAPI 3.1 document that covers every API route', async () => {
    const response = await app.inject('/api/openapi.json');
    const document = response.json();
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toMatch(/^3\.1\./);
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(document.paths as Record<string, object>)) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const apiRoutes = app.routeTable.filter(
      (r) => !r.hidden && r.method !== 'HEAD' && r.url.startsWith('/api/'),
    );
    expect(app.routeTable.some((r) => r.url === '/readyz')).toBe(true);
    for (const route of apiRoutes) {
      const openapiPath = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(documented, `${route.method} ${route.url} is missing from the OpenAPI document`).toContain(
        `${route.method} ${openapiPath}`,
      );
    }
  });

  it("documents the live channel's topics where the OpenAPI document describes the stream", async () => {
    const document = (await app.inject('/api/openapi.json')).json();
    const stream = document.paths['/api/v1/stream'].get.description as string;
    const listed = [...stream.matchAll(/^- `([a-z-]+)`: (.+)$/gm)].map(([, kind, about]) => [kind, about]);
    expect(listed.map(([kind]) => kind)).toEqual([
      'alert',
      'alerts',
      'catalog',
      'incident',
      'incidents',
      'job',
      'presence',
      'team',
    ]);
    for (const [kind, about] of listed) {
      expect(about, kind).toMatch(/may follow it/);
      expect(about, kind).not.toBe('not described');
    }
  });

  it('exposes its own Prometheus metrics', async () => {
    await app.inject('/livez');
    const text = (await app.inject('/metrics')).body;
    expect(text).toMatch(/steward_http_requests_total\{method="GET",route="\/livez",status="200"\} \d+/);
    expect(text).toContain('steward_http_request_duration_seconds_bucket');
    expect(text).toContain('steward_nodejs_eventloop_lag_seconds');
  });

  it('answers unknown API paths with problem+json naming the path', async () => {
    const response = await app.inject('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 404,
      detail: expect.stringContaining('/api/v1/nothing-here'),
    });
  });
});
