// GET /api/v1/stream: the live channel's WebSocket. The app's access control authenticates the upgrade
// request like any other call; this route only lets browsers put a token where they can.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { forbidden } from '../errors.ts';
import { sendProblem } from '../http/problems.ts';
import type { RoutePlugin } from '../http/route-types.ts';
import { streamSubprotocol, tokenSubprotocolPrefix } from './protocol.ts';
import type { TopicDescription } from './topics.ts';

export interface StreamAcceptor {
  accept(socket: WebSocket, principal: Principal): void;
}

const description = `Upgrade to a WebSocket carrying the live channel (messages as in \`platform/realtime/protocol.ts\`:
send \`{"type":"subscribe","topics":[...],"resume":{"topic":lastSeq}}\`, receive \`subscribed\`, \`events\`, \`gap\`).
Authenticate with the session cookie, \`Authorization: Bearer <token>\`, or, where headers cannot be set (browsers),
by offering the subprotocols \`${streamSubprotocol}\` and \`${tokenSubprotocolPrefix}<secret>\` in that order; the
server answers \`${streamSubprotocol}\`. Tokens are never accepted in the query string, which ends up in logs.
A socket that falls more than a bounded backlog behind is closed with code 4008: reconnect and resume.
A socket whose credential ends (token revoked or expired, signed out, password changed or reset, user disabled, role
changed) is closed with code 4401 and a reason saying which, on every Steward process.`;

/** The stream's API description: the protocol, then every topic kind with who may follow it. */
function describeStream(topics: readonly TopicDescription[]): string {
  const kinds = topics.map((t) => `- \`${t.kind}\`: ${t.about}`).join('\n');
  return `${description}\n\nTopics (\`kind\` or \`kind:name\`; a subscription to one you may not follow is refused with the reason):\n${kinds}`;
}

/** `topics`: the kinds registered so far; register the route after the modules that add kinds. */
export function streamRoutes(hub: StreamAcceptor, topics: readonly TopicDescription[]): RoutePlugin {
  return (app) => {
    app.route({
      method: 'GET',
      url: '/api/v1/stream',
      config: { access: 'read' },
      schema: {
        tags: ['realtime'],
        summary: `Live channel (WebSocket); a token may come as subprotocol ${tokenSubprotocolPrefix}<secret>`,
        description: describeStream(topics),
        querystring: z.strictObject({}),
      },
      onRequest: tokenFromSubprotocol,
      preHandler: refuseCrossSiteSession,
      handler: async (_request, reply) =>
        sendProblem(
          reply.header('upgrade', 'websocket'),
          426,
          'Upgrade required',
          'GET /api/v1/stream is a WebSocket endpoint: connect with a WebSocket client (ws://…/api/v1/stream)',
        ),
      wsHandler: (socket, request) => {
        if (request.principal) hub.accept(socket, request.principal);
        else socket.close(1008, 'not signed in');
      },
    });
  };
}

/** Hands a `steward.token.<secret>` subprotocol to the authenticator as the Bearer header it reads. */
async function tokenFromSubprotocol(request: FastifyRequest): Promise<void> {
  const offered = request.headers['sec-websocket-protocol'];
  if (typeof offered !== 'string' || request.headers.authorization) return;
  const token = offered
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(tokenSubprotocolPrefix));
  if (token) request.headers = { authorization: `Bearer ${token.slice(tokenSubprotocolPrefix.length)}` };
}

/**
 * Browsers send cookies on cross-site WebSocket upgrades and CORS does not apply to them, so a page on
 * another site could open the channel as the signed-in user: a cookie-authenticated upgrade must come
 * from a page on this host.
 */
async function refuseCrossSiteSession(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const origin = request.headers.origin;
  if (request.principal?.via !== 'session' || typeof origin !== 'string') return;
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  if (originHost !== request.headers.host) {
    throw forbidden(
      `a WebSocket signed in by cookie must come from a page on ${request.headers.host}, not ${origin}; other clients authenticate with a token`,
    );
  }
}
