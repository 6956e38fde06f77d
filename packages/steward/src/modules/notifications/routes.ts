// A person's contact methods and notification rules: each person manages their own, admins anyone's
// (people.ts). Under /api/v1/users/{handle}/, beside identity's routes for the person.
import { z } from 'zod';
import { callerOf } from '../../platform/http/caller.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import {
  addContactMethod,
  listContactMethods,
  type MethodsContext,
  removeContactMethod,
  testContactMethod,
} from './contact-methods.ts';
import { clearRules, getRules, setRules } from './rules-service.ts';
import {
  contactMethodSchema,
  effectiveRulesSchema,
  newContactMethodSchema,
  setRulesSchema,
  testSendSchema,
} from './schemas.ts';

const tags = ['notifications'];
const params = z.strictObject({ handle: z.string().min(1).max(63) });
const methodParams = params.extend({ id: z.string().min(1).max(100) });
const rulesAbout =
  'Without rules of their own a person is notified at once through every contact method about high-urgency alerts, and at once by email only about low-urgency ones.';

export function notificationRoutes(ctx: MethodsContext) {
  return (app: TypedApp) => {
    const base = '/api/v1/users/:handle/contact-methods';
    app.get(
      base,
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary:
            "A person's contact methods (webhook and Slack URLs shown only by host, as they are secrets)",
          params,
          response: { 200: listOf(contactMethodSchema) },
        },
      },
      async (request) => ({ items: await listContactMethods(ctx, callerOf(request), request.params.handle) }),
    );
    app.post(
      base,
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: 'Add a contact method: webhook, Slack-compatible webhook or email',
          params,
          body: newContactMethodSchema,
          response: { 201: contactMethodSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await addContactMethod(ctx, callerOf(request), request.params.handle, request.body)),
    );
    app.delete(
      `${base}/:id`,
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: 'Remove a contact method',
          params: methodParams,
          response: { 200: contactMethodSchema },
        },
      },
      async (request) =>
        removeContactMethod(ctx, callerOf(request), request.params.handle, request.params.id),
    );
    app.post(
      `${base}/:id/test`,
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: 'Send a test notification now and say what the far end answered',
          params: methodParams,
          response: { 200: testSendSchema },
        },
      },
      async (request) => testContactMethod(ctx, callerOf(request), request.params.handle, request.params.id),
    );

    const rules = '/api/v1/users/:handle/notification-rules';
    const rulesSchema = { tags, params, response: { 200: effectiveRulesSchema } };
    app.get(
      rules,
      {
        config: { access: 'read' },
        schema: { ...rulesSchema, summary: 'The notification rules in effect', description: rulesAbout },
      },
      async (request) => getRules(ctx, callerOf(request), request.params.handle),
    );
    app.put(
      rules,
      {
        config: { access: 'write' },
        schema: {
          ...rulesSchema,
          summary: 'Set notification rules: per urgency, which contact method after how long',
          description: rulesAbout,
          body: setRulesSchema,
        },
      },
      async (request) => setRules(ctx, callerOf(request), request.params.handle, request.body),
    );
    app.delete(
      rules,
      {
        config: { access: 'write' },
        schema: {
          ...rulesSchema,
          summary: 'Drop your own rules: the default applies again',
          description: rulesAbout,
        },
      },
      async (request) => clearRules(ctx, callerOf(request), request.params.handle),
    );
  };
}
