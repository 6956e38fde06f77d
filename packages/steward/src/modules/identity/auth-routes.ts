// Signing in and out of the portal, and "who am I" for any credential.
import { z } from 'zod';
import { callerOf } from '../../platform/http/caller.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import type { IdentityContext } from './context.ts';
import { findSessionByHash } from './credential-store.ts';
import { signInWithPassword, signOut } from './portal-sign-in.ts';
import { loginSchema, sessionSchema } from './schemas.ts';
import { sessionCookieName, sessionCookieOptions } from './sessions.ts';
import { getUser, presentUser } from './users-service.ts';

const tags = ['identity'];

export function authRoutes(ctx: IdentityContext) {
  const { db } = ctx;
  return (app: TypedApp) => {
    app.post(
      '/api/v1/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Sign in with handle and password; sets the steward_session cookie',
          description:
            'Failed sign-ins are counted per handle and client address, per handle and per address; past a limit the answer is 429 with Retry-After.',
          body: loginSchema,
          response: { 200: sessionSchema },
        },
      },
      async (request, reply) => {
        const { user, session } = await signInWithPassword(ctx, request.body, request.ip);
        reply.setCookie(
          sessionCookieName,
          session.cookieValue,
          sessionCookieOptions(request.protocol === 'https'),
        );
        return { user: await presentUser(db, user), csrfToken: session.csrfToken };
      },
    );

    app.post(
      '/api/v1/auth/logout',
      {
        // Public, so signing out always works, even with a session that already ended.
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'End the portal session and clear its cookie',
          body: z.strictObject({}).nullish(),
          response: { 204: z.null().describe('signed out') },
        },
      },
      async (request, reply) => {
        const cookie = request.cookies[sessionCookieName];
        if (cookie) await signOut(ctx, cookie, request.ip);
        reply.clearCookie(sessionCookieName, sessionCookieOptions(request.protocol === 'https'));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/me',
      {
        config: { access: 'read' },
        schema: {
          tags,
          summary: 'The signed-in user (and the CSRF token, for a portal session)',
          response: { 200: sessionSchema },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const session = caller.sessionId ? await findSessionByHash(db, caller.sessionId) : undefined;
        return { user: await getUser(db, caller.handle), csrfToken: session?.csrf_token ?? null };
      },
    );
  };
}
