// Schedules: the list with who is on call now, each layer's shifts and the final schedule over a
// window, and overrides and swaps (made here, never in catalog files).
import { z } from 'zod';
import { callerOf } from '../../platform/http/caller.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import type { OncallContext } from './context.ts';
import { createOverride, removeOverride, scheduleOf, swapShifts } from './overrides.ts';
import { listSchedules, scheduleShifts, shiftsWindow } from './schedule-reads.ts';
import {
  createOverrideSchema,
  overrideSchema,
  scheduleShiftsSchema,
  scheduleSummarySchema,
  shiftsQuerySchema,
  swapSchema,
} from './schemas.ts';
import { overridesOf } from './store.ts';

const tags = ['oncall'];
const scheduleParams = z.strictObject({
  namespace: z.string().min(1).max(63),
  name: z.string().min(1).max(63),
});
const base = '/api/v1/schedules/:namespace/:name';

export function scheduleRoutes(ctx: OncallContext) {
  const schedule = (params: { namespace: string; name: string }) =>
    scheduleOf(ctx, params.namespace, params.name);
  return (app: TypedApp) => {
    app.get(
      '/api/v1/schedules',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Every schedule, with who is on call in it now',
          response: { 200: listOf(scheduleSummarySchema) },
        },
      },
      async () => ({ items: await listSchedules(ctx, ctx.now()) }),
    );

    app.get(
      `${base}/shifts`,
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: "A schedule's shifts: each layer's, the final schedule (overrides applied) and its gaps",
          params: scheduleParams,
          querystring: shiftsQuerySchema,
          response: { 200: scheduleShiftsSchema },
        },
      },
      async (request) =>
        scheduleShifts(ctx, await schedule(request.params), shiftsWindow(request.query, ctx.now())),
    );

    app.get(
      `${base}/overrides`,
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: "A schedule's overrides",
          params: scheduleParams,
          response: { 200: listOf(overrideSchema) },
        },
      },
      async (request) => ({ items: await overridesOf(ctx.db, (await schedule(request.params)).ref) }),
    );

    app.post(
      `${base}/overrides`,
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: 'Put someone on call from `from` to `until` (admins, the owning team, or that person)',
          params: scheduleParams,
          body: createOverrideSchema,
          response: { 201: overrideSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createOverride(ctx, callerOf(request), await schedule(request.params), request.body)),
    );

    app.delete(
      `${base}/overrides/:id`,
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: 'Remove an override (one made by a swap removes the whole swap)',
          params: scheduleParams.extend({ id: z.string().min(1).max(64) }),
          response: { 200: listOf(overrideSchema).describe('the overrides removed') },
        },
      },
      async (request) => ({
        items: await removeOverride(
          ctx,
          callerOf(request),
          await schedule(request.params),
          request.params.id,
        ),
      }),
    );

    app.post(
      `${base}/swaps`,
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary:
            '`user` and `with` trade places from `from` to `until`: the overrides made, in one transaction',
          params: scheduleParams,
          body: swapSchema,
          response: { 201: listOf(overrideSchema) },
        },
      },
      async (request, reply) =>
        reply.code(201).send({
          items: await swapShifts(ctx, callerOf(request), await schedule(request.params), request.body),
        }),
    );
  };
}
