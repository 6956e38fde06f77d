// Incidents over HTTP: declare (by hand or from an alert), list, read, change; the timeline and its
// notes; status updates; alerts attached later; the severities. Reading needs any token, changing
// one with the write scope.
import { z } from 'zod';
import { callerOf } from '../../platform/http/caller.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import { changeIncident } from './change.ts';
import type { IncidentContext } from './context.ts';
import { declareFromAlert, declareIncident } from './declare.ts';
import { getIncident, listIncidents, noIncident } from './incident-reads.ts';
import {
  declareFromAlertSchema,
  declareIncidentSchema,
  incidentChangeSchema,
  incidentListQuerySchema,
  incidentListSchema,
  incidentNoteSchema,
  incidentSchema,
  incidentTimelineItemSchema,
  incidentTimelineSchema,
  severityListSchema,
  statusUpdateInputSchema,
  statusUpdateListSchema,
  statusUpdateSchema,
} from './schemas.ts';
import { getIncidentRow } from './store.ts';
import { timelineOf } from './timeline.ts';
import {
  addNote,
  attachAlert,
  editNote,
  listStatusUpdates,
  postStatusUpdate,
  removeNote,
} from './updates.ts';

const tags = ['incidents'];
const id = z.string().min(1).max(64);
const params = z.strictObject({ id });
const read = { access: 'read' as const };
const write = { access: 'write' as const };

export function incidentRoutes(ctx: IncidentContext) {
  return (app: TypedApp) => {
    app.post(
      '/api/v1/incidents',
      {
        config: write,
        schema: {
          tags,
          summary:
            'Declare an incident: title, severity, the services affected and, optionally, alerts to attach',
          body: declareIncidentSchema,
          response: { 201: incidentSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await declareIncident(ctx, request.body, callerOf(request).handle)),
    );

    app.post(
      '/api/v1/alerts/:alertId/incident',
      {
        config: write,
        schema: {
          tags,
          summary: "Declare an incident from an alert: it attaches, its service and team are the incident's",
          params: z.strictObject({ alertId: id }),
          body: declareFromAlertSchema.optional(),
          response: { 201: incidentSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await declareFromAlert(ctx, request.params.alertId, request.body ?? {}, callerOf(request).handle),
          ),
    );

    app.get(
      '/api/v1/incidents',
      {
        config: read,
        schema: {
          tags,
          summary:
            'Incidents, newest first, filtered by state, severity, team or service; paged with `cursor`',
          querystring: incidentListQuerySchema,
          response: { 200: incidentListSchema },
        },
      },
      async (request) => listIncidents(ctx, request.query),
    );

    app.get(
      '/api/v1/incidents/severities',
      {
        config: read,
        schema: {
          tags,
          summary: 'The severities this Steward uses, most severe first',
          response: { 200: severityListSchema },
        },
      },
      async () => ({ items: [...ctx.severities.list] }),
    );

    app.get(
      '/api/v1/incidents/:id',
      { config: read, schema: { tags, summary: 'One incident', params, response: { 200: incidentSchema } } },
      async (request) => getIncident(ctx, request.params.id),
    );

    app.patch(
      '/api/v1/incidents/:id',
      {
        config: write,
        schema: {
          tags,
          summary:
            'Change state, severity, title or roles; a move the lifecycle does not allow answers 409 with `allowed`',
          params,
          body: incidentChangeSchema,
          response: { 200: incidentSchema },
        },
      },
      async (request) => changeIncident(ctx, request.params.id, request.body, callerOf(request).handle),
    );

    app.get(
      '/api/v1/incidents/:id/timeline',
      {
        config: read,
        schema: {
          tags,
          summary: 'The timeline, oldest first',
          params,
          response: { 200: incidentTimelineSchema },
        },
      },
      async (request) => {
        if (!(await getIncidentRow(ctx.db, request.params.id))) throw noIncident(request.params.id);
        return { items: await timelineOf(ctx.db, request.params.id) };
      },
    );

    app.post(
      '/api/v1/incidents/:id/notes',
      {
        config: write,
        schema: {
          tags,
          summary: 'Add a note to the timeline (responders only)',
          params,
          body: incidentNoteSchema,
          response: { 201: incidentTimelineItemSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addNote(ctx, request.params.id, request.body, callerOf(request).handle)),
    );

    const noteParams = z.strictObject({ id, itemId: id });
    app.put(
      '/api/v1/incidents/:id/notes/:itemId',
      {
        config: write,
        schema: {
          tags,
          summary: 'Edit your own note',
          params: noteParams,
          body: incidentNoteSchema.pick({ text: true }),
          response: { 200: incidentTimelineItemSchema },
        },
      },
      async (request) =>
        editNote(ctx, request.params.id, request.params.itemId, request.body.text, callerOf(request).handle),
    );

    app.delete(
      '/api/v1/incidents/:id/notes/:itemId',
      { config: write, schema: { tags, summary: 'Remove your own note', params: noteParams } },
      async (request, reply) => {
        await removeNote(ctx, request.params.id, request.params.itemId, callerOf(request).handle);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/v1/incidents/:id/status-updates',
      {
        config: write,
        schema: {
          tags,
          summary: 'Post a status update: the audience-facing summary, and an optional internal note',
          params,
          body: statusUpdateInputSchema,
          response: { 201: statusUpdateSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await postStatusUpdate(ctx, request.params.id, request.body, callerOf(request).handle)),
    );

    app.get(
      '/api/v1/incidents/:id/status-updates',
      {
        config: read,
        schema: {
          tags,
          summary: 'The status updates, oldest first, and when the next is due',
          params,
          response: { 200: statusUpdateListSchema },
        },
      },
      async (request) => listStatusUpdates(ctx, request.params.id),
    );

    app.post(
      '/api/v1/incidents/:id/alerts',
      {
        config: write,
        schema: {
          tags,
          summary: 'Attach an alert (attaching it again changes nothing)',
          params,
          body: z.strictObject({ alert: id.describe('the alert id') }),
          response: { 200: incidentSchema },
        },
      },
      async (request) => {
        await attachAlert(ctx, request.params.id, request.body.alert, callerOf(request).handle);
        return getIncident(ctx, request.params.id);
      },
    );
  };
}
