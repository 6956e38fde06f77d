// The HTTP application: Fastify with zod schemas (one declaration serves validation,
// serialisation and the OpenAPI document), problem+json errors, health, metrics and the portal.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RouteOptions,
} from 'fastify';
import {
  createJsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type Access, type Authenticator, denialReason } from '../platform/auth/principal.ts';
import type { TrustProxy } from '../platform/config.ts';
import { forbidden, unauthorised } from '../platform/errors.ts';
import { problemHandler, sendProblem } from '../platform/http/problems.ts';
import type { RoutePlugin } from '../platform/http/route-types.ts';
import type { Logger } from '../platform/logging.ts';
import type { Metrics } from '../platform/metrics.ts';
import { guardJsonBodies, guardPathAndQuery } from './storable-input.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with the access it declares: for the OpenAPI and role-matrix tests. */
    routeTable: RouteInfo[];
  }
}

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
  /** Hidden from the OpenAPI document (health, metrics, the document itself). */
  hidden: boolean;
}

export type App = FastifyInstance;
export interface AppOptions {
  logger: Logger;
  metrics: Metrics;
  authenticator: Authenticator;
  bodyLimit: number;
  /** Built portal to serve at `/`, when present. */
  webDir?: string | undefined;
  /** Whether the process is ready for traffic (migrations ran, database answers); or why it is not. */
  isReady: () => Promise<true | string>;
  version: string;
  /** Proxies whose X-Forwarded-* headers give request.ip and request.protocol; none by default. */
  trustProxy?: TrustProxy | undefined;
}

export async function createApp(options: AppOptions): Promise<App> {
  const app: App = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimit,
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { removeAdditional: false } },
    return503OnClosing: true,
    // The router's own refusals (a path that is not valid percent-encoded UTF-8) as problem+json too.
    frameworkErrors: (error, _request, reply) =>
      error.code === 'FST_ERR_BAD_URL'
        ? sendProblem(reply, 400, 'Bad request', `${error.message}; percent-encode the path as UTF-8`)
        : sendProblem(reply, 500, 'Internal error', 'Steward failed to route this request'),
    forceCloseConnections: 'idle',
    trustProxy: options.trustProxy ?? false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(problemHandler(options.logger));
  app.decorateRequest('principal', null);
  guardJsonBodies(app);
  guardPathAndQuery(app);

  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Steward API',
        version: options.version,
        description:
          'Who owns what, who is on call, and what is on fire. Calls carry `Authorization: Bearer <token>`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: createJsonSchemaTransform({ skipList: ['/', '/*'] }),
  });

  registerAccessControl(app, options.authenticator);
  registerRequestMetrics(app, options.metrics);
  registerHealth(app, options);
  registerNotFound(app, options.webDir);
  if (options.webDir && existsSync(join(options.webDir, 'index.html'))) {
    const webDir = options.webDir;
    await app.register(async (portal) => {
      portal.addHook('onRoute', (route) => {
        route.config = { ...route.config, access: 'public' };
      });
      await portal.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
    });
  }
  return app;
}

/** Authenticates every request, then holds it to the access its route declares. */
function registerAccessControl(app: App, authenticator: Authenticator): void {
  // Collected as routes are declared, checked once the app is ready: a plugin's own onRoute hook
  // (the portal's static files) may still fill in its routes' access after ours has run.
  const declared: RouteOptions[] = [];
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    declared.push(route);
  });
  app.addHook('onReady', async () => {
    for (const route of declared) {
      const access = route.config?.access;
      if (!access) throw new Error(`route ${route.method} ${route.url} does not declare config.access`);
      const hidden = Boolean((route.schema as { hide?: boolean } | undefined)?.hide);
      for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
        routeTable.push({ method, url: route.url, access, hidden });
      }
    }
    declared.length = 0;
  });
  // preParsing: after every onRequest hook (a route's own may put credentials in place) and before
  // the body is read or validated, so a caller who may not use a route costs no parsing and learns
  // nothing of its schema. Public routes never look at credentials: health checks, portal files and
  // alert senders (whose Bearer is an integration key) cost no lookup.
  app.addHook('preParsing', async (request) => {
    const access = request.routeOptions.config.access ?? 'public';
    if (access === 'public') return;
    request.principal = await authenticator.authenticate(request);
    if (!request.principal) {
      throw unauthorised('this call needs a signed-in user or `Authorization: Bearer <token>`');
    }
    const reason = denialReason(request.principal, access);
    if (reason) throw forbidden(reason);
  });
}

function registerRequestMetrics(app: App, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route };
    metrics.httpRequests.inc({ ...labels, status: String(reply.statusCode) });
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });
}

function registerHealth(app: App, options: AppOptions): void {
  const hide = { hide: true };
  app.get('/livez', { config: { access: 'public' }, schema: hide }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, schema: hide }, async (_request, reply) => {
    const ready = await options.isReady();
    if (ready === true) return { status: 'ready' };
    return sendProblem(reply, 503, 'Not ready', ready);
  });
  app.get('/metrics', { config: { access: 'public' }, schema: hide }, async (_request, reply) => {
    reply.header('content-type', options.metrics.registry.contentType);
    return options.metrics.registry.metrics();
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: hide }, async () => app.swagger());
}

/** Unknown API paths get problem+json; anything else is a portal page (client-side routing). */
function registerNotFound(app: App, webDir: string | undefined): void {
  const hasPortal = webDir !== undefined && existsSync(join(webDir, 'index.html'));
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api/') || path.startsWith('/v2/') || path === '/api';
    if (hasPortal && request.method === 'GET' && !isApi) {
      // Read here rather than with reply.sendFile: @fastify/static decorates replies only inside the
      // portal's encapsulated plugin, and this handler runs at the root.
      return reply.type('text/html; charset=utf-8').send(await readFile(join(webDir, 'index.html')));
    }
    return sendProblem(
      reply,
      404,
      'Not found',
      `no route for ${request.method} ${path}; see /api/openapi.json for what there is`,
    );
  });
}

export async function registerRoutes(app: App, plugin: RoutePlugin): Promise<void> {
  await app.register(async (instance) => {
    await plugin(instance.withTypeProvider<ZodTypeProvider>());
  });
}
