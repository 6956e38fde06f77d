// The three ways alerts arrive, each exactly as its sender speaks: Alertmanager's webhook (v4), its
// API v2 (`POST /api/v2/alerts`, the integration key as Bearer) and PagerDuty Events v2
// (`POST /v2/enqueue`, answered and refused in PagerDuty's words). Public routes: the key in the
// request is the credential, checked here, never a user's token.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { notFound, StewardError, unauthorised, unavailable } from '../../../platform/errors.ts';
import type { TypedApp } from '../../../platform/http/route-types.ts';
import { IntegrationKeys } from '../integrations.ts';
import { postableAlertsSchema, webhookSchema } from '../sender-schemas.ts';
import type { AlertTables, IntegrationType } from '../tables.ts';
import type { InboxDrain } from './inbox-drain.ts';
import { fromApiV2, fromWebhook, type IncomingAlert } from './incoming.ts';
import type { IngestGate } from './ingest-gate.ts';
import { type AcceptContext, acceptAlerts, type Received } from './ingest-service.ts';
import { readPagerDutyEvent } from './pagerduty.ts';
import type { SenderFormat } from './senders.ts';

const tags = ['alerts'];

/**
 * Larger than the API's own limit: a sender drops what a 4xx refuses (Alertmanager sends a whole group
 * in one message, alerts of a kilobyte each), so only a body no sender would build is refused.
 */
export const ingestBodyLimit = 8 * 1024 * 1024;
const acceptedSchema = z.object({
  status: z.literal('success'),
  alerts: z
    .array(z.object({ dedupKey: z.string(), action: z.enum(['trigger', 'acknowledge', 'resolve']) }))
    .describe(
      'each alert as accepted, in the order sent: stored before this answer, listed by GET /api/v1/alerts from then on',
    ),
});

export interface IngestRouteContext extends AcceptContext {
  gate: IngestGate;
  /** Told of each accepted request, to apply it soon. */
  drain: Pick<InboxDrain, 'arriving' | 'accepted' | 'backlog'>;
  /** Alerts accepted here and not yet applied, at most; beyond it senders are told to retry. */
  maxBacklog: number;
}

export function ingestRoutes(ctx: IngestRouteContext) {
  const { db, gate } = ctx;
  const keys = new IntegrationKeys(db as Kysely<AlertTables>);
  /** In a slot of the gate: find the key's integration (404 when none of this type), then write. */
  const accept = async (key: string, type: IntegrationType, read: () => Received) => {
    const done =
      ctx.drain.backlog >= ctx.maxBacklog
        ? null
        : await gate.run(async () => {
            const integration = await keys.find(key, type);
            const received = integration ? read() : null;
            if (integration && received && (await acceptAlerts(ctx, integration, received)))
              return received.alerts;
            keys.forget(key, type);
            throw notFound(`no ${type} integration has this key; create one with POST /api/v1/integrations`);
          });
    if (done) {
      ctx.drain.accepted(done.value.length);
      return done.value;
    }
    const error = unavailable(
      ctx.drain.backlog >= ctx.maxBacklog
        ? `Steward has ${ctx.drain.backlog} accepted alerts still to apply; send again shortly`
        : `Steward is taking in as many alerts as it can (${gate.limit} writes at once); send again shortly`,
    );
    error.retryAfterSeconds = gate.retryAfterSeconds;
    throw error;
  };
  /**
   * The answer is built here from what was accepted, so it is written out as it is: checking it
   * against its schema on every request (as other routes' answers are) would cost a sender's batch
   * more than its JSON.
   */
  const asBuilt = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };
  const answer = (accepted: IncomingAlert[]) => ({
    status: 'success' as const,
    alerts: accepted.map((alert) => ({ dedupKey: alert.dedupKey, action: alert.action })),
  });

  return (app: TypedApp) => {
    app.post(
      '/api/v1/integrations/alertmanager/:key',
      {
        config: { access: 'public', credentialInPath: true, keepRawBody: true },
        bodyLimit: ingestBodyLimit,
        ...asBuilt,
        schema: {
          tags,
          summary: 'Alertmanager webhook (payload version 4); the URL carries the integration key',
          security: [],
          params: z.object({ key: z.string().min(1).max(200) }),
          body: webhookSchema,
          response: { 200: acceptedSchema },
        },
      },
      async (request) =>
        answer(
          await accept(request.params.key, 'alertmanager', () => ({
            ...asReceived(request, 'alertmanager-webhook'),
            alerts: fromWebhook(request.body),
          })),
        ),
    );

    app.post(
      '/api/v2/alerts',
      {
        config: { access: 'public', keepRawBody: true },
        bodyLimit: ingestBodyLimit,
        ...asBuilt,
        schema: {
          tags,
          summary: 'Alertmanager API v2 postableAlerts, with `Authorization: Bearer <integration key>`',
          body: postableAlertsSchema,
          response: { 200: acceptedSchema },
        },
      },
      async (request) => {
        const key = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
        if (!key) throw unauthorised('send the integration key as `Authorization: Bearer <key>`');
        return answer(
          await accept(key, 'alertmanager', () => {
            const received = asReceived(request, 'alertmanager-api');
            return { ...received, alerts: fromApiV2(request.body, received.receivedAt) };
          }),
        );
      },
    );

    app.post(
      '/v2/enqueue',
      {
        config: { access: 'public', keepRawBody: true },
        bodyLimit: ingestBodyLimit,
        schema: {
          tags,
          summary: 'PagerDuty Events API v2: routing_key is the integration key',
          security: [],
          body: z.unknown(),
        },
        // PagerDuty clients read PagerDuty's error shape, whatever went wrong.
        errorHandler: (error: FastifyError, _request, reply) => pagerDutyError(reply, error),
      },
      async (request, reply) => {
        const event = readPagerDutyEvent(request.body);
        if (!event.ok) return sendPagerDuty(reply, 400, 'Event object is invalid', event.errors);
        try {
          await accept(event.routingKey, 'pagerduty', () => ({
            ...asReceived(request, 'pagerduty'),
            alerts: [event.alert],
            ...(event.dedupKeyGenerated ? { dedupKey: event.alert.dedupKey } : {}),
          }));
        } catch (error) {
          return pagerDutyError(reply, error as FastifyError);
        }
        return reply
          .code(202)
          .send({ status: 'success', message: 'Event processed', dedup_key: event.alert.dedupKey });
      },
    );
  };
}

/** The body as received (kept in the inbox as it came), and when. */
function asReceived(request: FastifyRequest, sender: SenderFormat) {
  return {
    sender,
    body: request.rawBody ?? JSON.stringify(request.body),
    receivedAt: new Date(),
  };
}

function sendPagerDuty(
  reply: FastifyReply,
  status: number,
  message: string,
  errors: string[],
  statusText = 'invalid event',
) {
  return reply.code(status).type('application/json').send({ status: statusText, message, errors });
}

function pagerDutyError(reply: FastifyReply, error: FastifyError) {
  if (error instanceof StewardError && error.kind === 'unavailable') {
    reply.header('retry-after', String(error.retryAfterSeconds ?? 5));
    return sendPagerDuty(
      reply,
      429,
      'Requests for this service are arriving too quickly. Please retry later.',
      [],
      'throttle event',
    );
  }
  if (error instanceof StewardError && error.kind === 'not_found')
    return sendPagerDuty(reply, 404, 'Unknown routing key', [error.message]);
  if (error instanceof StewardError && error.kind === 'invalid')
    return sendPagerDuty(reply, 400, 'Event object is invalid', [
      error.message,
      ...error.problems.map((p) => `${p.field}: ${p.message}`),
    ]);
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return sendPagerDuty(reply, 413, 'Request body is too large', [error.message]);
  if (
    error instanceof SyntaxError ||
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
  )
    return sendPagerDuty(reply, 400, 'Invalid JSON', [error.message]);
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
  return sendPagerDuty(
    reply,
    status,
    status === 500 ? 'Steward failed to process the event; retry it' : error.message,
    [],
    status === 500 ? 'error' : 'invalid event',
  );
}
