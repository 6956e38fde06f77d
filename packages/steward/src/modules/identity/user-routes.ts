// People: listed and read by anyone signed in, created by admins, edited by admins or themselves.
import { z } from 'zod';
import { listOf } from '../../platform/list-schema.ts';
import type { TypedApp } from '../../server/app.ts';
import { callerOf } from './caller.ts';
import { createUserSchema, updateUserSchema, userSchema } from './schemas.ts';
import type { Db } from './store.ts';
import { createUser, getUser, listUsers, updateUser } from './users-service.ts';

const tags = ['identity'];
const params = z.strictObject({ handle: z.string().min(1).max(63) });

export function userRoutes(db: Db) {
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
          params,
          body: updateUserSchema,
          response: { 200: userSchema },
        },
      },
      async (request) => updateUser(db, callerOf(request), request.params.handle, request.body),
    );
  };
}
