// People: listed and read by anyone signed in, created by admins, edited by admins or themselves.
import { z } from 'zod';
import { callerOf } from '../../platform/http/caller.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import type { IdentityContext } from './context.ts';
import { withUserEntities, withUserEntity } from './entity-links.ts';
import { resetPassword } from './password-reset.ts';
import { createUserSchema, passwordResetSchema, type User, updateUserSchema, userSchema } from './schemas.ts';
import { createUser, getUser, listUsers, updateUser } from './users-service.ts';

const tags = ['identity'];
const params = z.strictObject({ handle: z.string().min(1).max(63) });

export function userRoutes(ctx: IdentityContext) {
  const { db } = ctx;
  const linked = async (user: Promise<User>) => withUserEntity(ctx.people, await user);
  return (app: TypedApp) => {
    app.get(
      '/api/v1/users',
      {
        config: { access: 'read' },
        schema: { tags, summary: 'Everyone who may use Steward', response: { 200: listOf(userSchema) } },
      },
      async () => ({ items: await withUserEntities(ctx.people, await listUsers(db)) }),
    );

    app.get(
      '/api/v1/users/:handle',
      {
        config: { access: 'read' },
        schema: { tags, summary: 'One user, with their teams', params, response: { 200: userSchema } },
      },
      async (request) => linked(getUser(db, request.params.handle)),
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
      async (request, reply) =>
        reply.code(201).send(await linked(createUser(ctx, callerOf(request), request.body))),
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
      async (request) =>
        linked(updateUser(ctx, callerOf(request), request.params.handle, request.body, request.ip)),
    );

    app.post(
      '/api/v1/users/:handle/password-reset',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          summary: "Reset someone's password (admins): the answer holds the new one, once",
          description:
            'Steward makes up the password. All their sessions end and all their API tokens are revoked. Your own password is changed with PATCH /api/v1/users/{handle} and currentPassword.',
          params,
          response: { 200: passwordResetSchema },
        },
      },
      async (request) => resetPassword(ctx, callerOf(request), request.params.handle, request.ip),
    );
  };
}
