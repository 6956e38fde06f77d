// What a route plugin is and what a route may declare: the shape every module's routes are written
// against. The app that runs them (server/app.ts) fills these in; routes never import the server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Access, Principal } from '../auth/principal.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route asks of its caller; every route must say. */
    access?: Access;
    /**
     * Body fields holding a file's text, which the route stores as bytes and checks itself, each
     * problem at its file:line:col (`body.files.3.content` matches `/^body\.files\.\d+\.content$/`).
     */
    fileTextFields?: RegExp;
    /**
     * The path carries a credential (an integration key, a feed token): problem answers and logs name
     * the route's pattern instead of the path, so an error never repeats the secret.
     */
    credentialInPath?: boolean;
    /** The route keeps its JSON body's text as received, in `request.rawBody`, besides the parsed body. */
    keepRawBody?: boolean;
  }
  interface FastifyRequest {
    /** Set by the access hook before the body is parsed; null only on public routes. */
    principal: Principal | null;
    /** A JSON body's text as received, on routes that ask for it (`keepRawBody`). */
    rawBody?: string;
  }
}

export type TypedApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A module's routes: registered in the composition root, typed by their zod schemas. */
export type RoutePlugin = (app: TypedApp) => Promise<void> | void;
