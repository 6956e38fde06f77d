// The live channel's wire protocol at /api/v1/stream, declared once for the server and the portal.
import { z } from 'zod';

/** A topic names what a client follows: `presence`, `team:<name>`, `service:<name>`, `alerts:<team>`… */
export const topicSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z][a-z0-9-]*(?::[A-Za-z0-9._/-]+)?$/, 'must look like kind or kind:name');

/** Client → server. Each subscribe carries the full set of topics wanted and replaces the previous set. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('subscribe'),
    topics: z.array(topicSchema).max(500),
    /** Last sequence number seen per topic, to resume after a reconnect. */
    resume: z.record(z.string(), z.number().int().min(0)).optional(),
  }),
  z.strictObject({ type: z.literal('ping') }),
]);

/**
 * Sent as `Sec-WebSocket-Protocol` by clients that cannot send a cookie or an Authorization header:
 * offer `[streamSubprotocol, tokenSubprotocolPrefix + secret]`; the server answers `streamSubprotocol`.
 */
export const streamSubprotocol = 'steward.v1';
export const tokenSubprotocolPrefix = 'steward.token.';

/** Close codes the server uses besides the standard ones. */
export const streamCloseCodes = {
  /** The client did not read fast enough; reconnect and resume from the last seq seen per topic. */
  tooSlow: 4008,
  /** The server is shutting down; reconnect (to another process) and resume. */
  goingAway: 1001,
  /**
   * The credential the socket was opened with no longer holds (token revoked or expired, signed out,
   * session ended, password changed, user disabled, role changed): the reason says which. Reconnecting
   * with the same credential is refused; sign in again or use another token.
   */
  credentialsEnded: 4401,
} as const;

/**
 * A client ignores an event whose seq is at or below the last it saw for that topic: after a resume
 * an event may arrive twice.
 */
export const streamEventSchema = z.object({
  topic: z.string(),
  seq: z.number().int().describe('per topic, increasing by one; a client resumes from the last it saw'),
  type: z.string().describe('what happened, e.g. presence.changed, team.updated'),
  data: z.unknown(),
});

/** Server → client. Events are coalesced per short tick into one `events` frame. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribed'),
    topics: z.array(z.string()),
    denied: z.array(z.object({ topic: z.string(), reason: z.string() })),
  }),
  z.object({ type: z.literal('events'), events: z.array(streamEventSchema) }),
  z.object({
    type: z.literal('gap'),
    topic: z.string(),
    from: z.number().int(),
    reason: z.string().describe('events were missed and cannot be replayed: reload the topic state'),
  }),
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);

export const presenceSchema = z.object({
  users: z.array(z.object({ handle: z.string(), name: z.string(), since: z.iso.datetime() })),
});

export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type StreamEvent = z.infer<typeof streamEventSchema>;
export type Presence = z.infer<typeof presenceSchema>;
