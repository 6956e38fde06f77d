// Calendar feeds: created by a signed-in person (their own shifts, or a schedule's), read by calendar
// apps with no bearer (the token in the URL is the credential), revoked by their creator or an admin.
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import { callerOf } from '../../platform/http/caller.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import { createFeed, feedsOf, renderFeed, revokeFeed } from './calendar-feeds.ts';
import type { OncallContext } from './context.ts';
import { createdFeedSchema, createFeedSchema, feedSchema } from './schemas.ts';

const tags = ['oncall'];

export function feedRoutes(ctx: OncallContext) {
  return (app: TypedApp) => {
    app.post(
      '/api/v1/calendar-feeds',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary:
            "A calendar feed of a schedule, or of a person's shifts (their own; admins, anyone's): its URL is shown once",
          body: createFeedSchema,
          response: { 201: createdFeedSchema },
        },
      },
      async (request, reply) => {
        const baseUrl = ctx.publicUrl ?? `${request.protocol}://${request.host}`;
        return reply.code(201).send(await createFeed(ctx, callerOf(request), request.body, baseUrl));
      },
    );

    app.get(
      '/api/v1/calendar-feeds',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Your calendar feeds (admins: everyone’s), without their URLs, which were shown once',
          response: { 200: listOf(feedSchema) },
        },
      },
      async (request) => ({ items: await feedsOf(ctx, callerOf(request)) }),
    );

    app.get(
      '/api/v1/calendar-feeds/:file',
      {
        config: { access: 'public', credentialInPath: true },
        schema: {
          tags,
          summary:
            'The feed as RFC 5545 text/calendar, a week back to twelve weeks ahead (no bearer: the token is the credential)',
          params: z.strictObject({ file: z.string().min(1).max(200).describe('{token}.ics') }),
        },
      },
      async (request, reply) => {
        const { file } = request.params;
        if (!file.endsWith('.ics')) throw notFound('a calendar feed URL ends in .ics');
        const text = await renderFeed(ctx, file.slice(0, -'.ics'.length), ctx.now());
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .send(text);
      },
    );

    app.delete(
      '/api/v1/calendar-feeds/:id',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: 'Revoke a calendar feed (its creator or an admin): its URL answers 404 from then on',
          params: z.strictObject({ id: z.uuid() }),
          response: { 200: feedSchema },
        },
      },
      async (request) => revokeFeed(ctx, callerOf(request), request.params.id),
    );
  };
}
