// Signing in and out of the portal, and "who am I" for any credential.
import { z } from 'zod';
import type { TypedApp } from '../../server/app.ts';
import { callerOf } from './caller.ts';
import { findSessionByHash } from './credential-store.ts';
import { loginSchema, sessionSchema } from './schemas.ts';
import { createSession, endSession, sessionCookieName, sessionCookieOptions } from './sessions.ts';
import type { PasswordCredentials, SignInMethod } from './sign-in.ts';
import type { Db } from './store.ts';
import { getUser, presentUser } from './users-service.ts';

const tags = ['identity'];

export function authRoutes(db: Db, passwordSignIn: SignInMethod<PasswordCredentials>) {
  return (app: TypedApp) => {
    app.post(
      '/api/v1/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Sign in with handle and password; sets the steward_session cookie',
          body: loginSchema,
          response: { 200: sessionSchema },
        },
      },
      async (request, reply) => {
        const user = await passwordSignIn.verifyCredentials(request.body);
        const session = await createSession(db, user);
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
        if (cookie) await endSession(db, cookie);
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
