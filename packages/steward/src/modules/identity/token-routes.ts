// API tokens. Anyone signed in, viewers included, manages their own (a viewer's are read-only):
// the CLI needs one. Admins see and revoke everyone's and create them for others.
import { z } from 'zod';
import { callerOf } from '../../platform/http/caller.ts';
import { listOf } from '../../platform/http/list-schema.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import type { IdentityContext } from './context.ts';
import { createdTokenSchema, createTokenSchema, tokenSchema } from './schemas.ts';
import { createToken, listTokens, revokeToken } from './tokens.ts';

const tags = ['identity'];

export function tokenRoutes(ctx: IdentityContext) {
  const { db } = ctx;
  return (app: TypedApp) => {
    app.get(
      '/api/v1/tokens',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: "Your API tokens (an admin's: everyone's)",
          response: { 200: listOf(tokenSchema) },
        },
      },
      async (request) => ({ items: await listTokens(db, callerOf(request)) }),
    );

    app.post(
      '/api/v1/tokens',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Create an API token; the secret is in this answer only',
          description:
            "Scopes may not exceed the owner's role nor the scopes of the credential making the call.",
          body: createTokenSchema,
          response: { 201: createdTokenSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await createToken(db, callerOf(request), request.body)),
    );

    app.delete(
      '/api/v1/tokens/:id',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'Revoke an API token (its owner or an admin); it stops working at once',
          description:
            'Live-channel streams opened with the token are closed with code 4401, on every Steward process.',
          params: z.strictObject({ id: z.string().min(1).max(100) }),
          response: { 200: tokenSchema },
        },
      },
      async (request) => revokeToken(ctx, callerOf(request), request.params.id),
    );
  };
}
