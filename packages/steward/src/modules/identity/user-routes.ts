// People: listed and read by anyone signed in, created by admins, edited by admins or themselves.
import { z } from 'zod';
import { callerOf } from '../../platform/http/caller.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import type { IdentityContext } from './context.ts';
import { createUserSchema, updateUserSchema, userSchema } from './schemas.ts';
import { createUser, getUser, listUsers, updateUser } from './users-service.ts';

const tags = ['identity'];
const params = z.strictObject({ handle: z.string().min(1).max(63) });

export function userRoutes(ctx: IdentityContext) {
  const { db } = ctx;
  return (app: TypedApp) => {
    app.get(
      '/api/v1/users',
      {
        config: { access: 'read' },
        schema: { tags, summary: 'Everyone who may use Steward', response: { 200: listOf(userSchema) } },
      },
      async () => ({ items: await listUsers(db) }),
    );

    app.get(
      '/api/v1/users/:handle',
      {
        config: { access: 'read' },
        schema: { tags, summary: 'One user, with their teams', params, response: { 200: userSchema } },
      },
      async (request) => getUser(db, request.params.handle),
    );

    app.post(
      '/api/v1/users',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: 'Add a user (admins)',
          body: createUserSchema,
          response: { 201: userSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await createUser(db, callerOf(request), request.body)),
    );

    app.patch(
      '/api/v1/users/:handle',
      {
        config: { access: 'write' },
        schema: {
          tags,
          summary: 'Change a user: admins change anything, people their own name and password',
          description:
            "Changing your own password takes currentPassword and ends your other sessions; your API tokens stay. An admin setting someone else's password (a reset) ends all their sessions and revokes all their tokens.",
          params,
          body: updateUserSchema,
          response: { 200: userSchema },
        },
      },
      async (request) => updateUser(ctx, callerOf(request), request.params.handle, request.body, request.ip),
    );
  };
}
