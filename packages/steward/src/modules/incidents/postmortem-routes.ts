// Postmortems, follow-ups and response metrics over HTTP.
import { z } from 'zod';
import { callerOf } from '../../platform/http/caller.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import type { IncidentContext } from './context.ts';
import { addFollowUp, changeFollowUp, followUpsOf, teamFollowUps } from './follow-ups.ts';
import { incidentMetrics } from './metrics.ts';
import { draftOrGet, editPostmortem, getPostmortem } from './postmortem.ts';
import {
  followUpChangeSchema,
  followUpInputSchema,
  followUpListSchema,
  followUpQuerySchema,
  followUpSchema,
  incidentMetricsQuerySchema,
  incidentMetricsSchema,
  postmortemEditSchema,
  postmortemSchema,
} from './schemas.ts';

const tags = ['incidents'];
const id = z.string().min(1).max(64);
const params = z.strictObject({ id });
const read = { access: 'read' as const };
const write = { access: 'write' as const };

export function postmortemRoutes(ctx: IncidentContext) {
  return (app: TypedApp) => {
    app.post(
      '/api/v1/incidents/:id/postmortem',
      {
        config: write,
        schema: {
          tags,
          summary:
            'Draft the postmortem from the timeline (201), or answer the stored one (200); 409 before the incident is resolved',
          params,
          response: { 200: postmortemSchema, 201: postmortemSchema },
        },
      },
      async (request, reply) => {
        const { created, postmortem } = await draftOrGet(ctx, request.params.id, callerOf(request).handle);
        return reply.code(created ? 201 : 200).send(postmortem);
      },
    );

    app.get(
      '/api/v1/incidents/:id/postmortem',
      {
        config: read,
        schema: {
          tags,
          summary: 'The postmortem with its version',
          params,
          response: { 200: postmortemSchema },
        },
      },
      async (request) => getPostmortem(ctx, request.params.id),
    );

    app.get(
      '/api/v1/incidents/:id/postmortem.md',
      { config: read, schema: { tags, summary: 'The postmortem as text/markdown, to export', params } },
      async (request, reply) => {
        const { markdown } = await getPostmortem(ctx, request.params.id);
        return reply
          .type('text/markdown; charset=utf-8')
          .header('content-disposition', `attachment; filename="postmortem-${request.params.id}.md"`)
          .send(markdown);
      },
    );

    app.put(
      '/api/v1/incidents/:id/postmortem',
      {
        config: write,
        schema: {
          tags,
          summary:
            'Replace the text, sending the version you edited; a stale version answers 409 with the current version and text',
          params,
          body: postmortemEditSchema,
          response: { 200: postmortemSchema },
        },
      },
      async (request) => editPostmortem(ctx, request.params.id, request.body, callerOf(request).handle),
    );

    app.post(
      '/api/v1/incidents/:id/follow-ups',
      {
        config: write,
        schema: {
          tags,
          summary: 'Add a follow-up action: title, owner, due date',
          params,
          body: followUpInputSchema,
          response: { 201: followUpSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await addFollowUp(ctx, request.params.id, request.body, callerOf(request).handle)),
    );

    app.get(
      '/api/v1/incidents/:id/follow-ups',
      {
        config: read,
        schema: {
          tags,
          summary: "The incident's follow-ups, soonest due first",
          params,
          response: { 200: followUpListSchema },
        },
      },
      async (request) => ({ items: await followUpsOf(ctx, request.params.id) }),
    );

    app.patch(
      '/api/v1/incidents/:id/follow-ups/:followUpId',
      {
        config: write,
        schema: {
          tags,
          summary: 'Change a follow-up, or mark it done',
          params: z.strictObject({ id, followUpId: id }),
          body: followUpChangeSchema,
          response: { 200: followUpSchema },
        },
      },
      async (request) =>
        changeFollowUp(
          ctx,
          request.params.id,
          request.params.followUpId,
          request.body,
          callerOf(request).handle,
        ),
    );

    app.get(
      '/api/v1/follow-ups',
      {
        config: read,
        schema: {
          tags,
          summary:
            "A team's follow-ups (its incidents' and those it owns), overdue ones only unless overdue=false",
          querystring: followUpQuerySchema,
          response: { 200: followUpListSchema },
        },
      },
      async (request) => teamFollowUps(ctx, request.query.team, request.query.overdue === 'true'),
    );

    app.get(
      '/api/v1/incidents/metrics',
      {
        config: read,
        schema: {
          tags,
          summary:
            'Response metrics of a team or service over a period: time to acknowledge, mitigate, resolve; counts by severity; on-call load',
          querystring: incidentMetricsQuerySchema,
          response: { 200: incidentMetricsSchema },
        },
      },
      async (request) => incidentMetrics(ctx, request.query),
    );
  };
}
