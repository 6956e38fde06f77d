// A live-channel socket lives no longer than the credential it was opened with. Two ways, because one
// alone leaves gaps:
//  - when identity ends a credential (token revoked, signed out, password changed, user disabled or
//    demoted) it says so here; the notice goes through the database to every Steward process, and
//    each closes its matching sockets at once;
//  - every `recheckMs`, each process asks identity which of its sockets' credentials no longer hold,
//    which also catches what no notice announces (a session or token that expired) and what a notice
//    missed (it was sent while this process's listener was reconnecting, or raced the upgrade).
import { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logging.ts';
import { streamCloseCodes } from './protocol.ts';

/** Which sockets to close: opened with this token, this session, or by this user (narrowed). */
export type StreamSelector =
  | { tokenId: string }
  | { sessionId: string }
  | { userId: string; via?: 'session' | 'token'; exceptSessionId?: string };

/** Of the principals given, those whose credential no longer holds, with the reason to tell them. */
export type CredentialCheck = (principals: Principal[]) => Promise<Map<Principal, string>>;

export interface StreamEnderDeps {
  database: Database;
  logger: Logger;
  endWhere: (matches: (principal: Principal) => boolean, code: number, reason: string) => number;
  principals: () => Principal[];
  check?: CredentialCheck | undefined;
}

const channel = 'steward_streams_ended';

const noticeSchema = z.object({
  reason: z.string(),
  selectors: z.array(
    z.union([
      z.object({ tokenId: z.string() }),
      z.object({ sessionId: z.string() }),
      z.object({
        userId: z.string(),
        via: z.enum(['session', 'token']).optional(),
        exceptSessionId: z.string().optional(),
      }),
    ]),
  ),
});

export function matches(principal: Principal, selector: StreamSelector): boolean {
  if ('tokenId' in selector) return principal.tokenId === selector.tokenId;
  if ('sessionId' in selector) return principal.sessionId === selector.sessionId;
  if (principal.userId !== selector.userId) return false;
  if (selector.via && principal.via !== selector.via) return false;
  return !selector.exceptSessionId || principal.sessionId !== selector.exceptSessionId;
}

/** WebSocket close reasons are at most 123 bytes. */
function closeReason(reason: string): string {
  const bytes = Buffer.from(reason);
  return bytes.length <= 123
    ? reason
    : `${bytes
        .subarray(0, 120)
        .toString('utf8')
        .replace(/\uFFFD$/, '')}...`;
}

export function createStreamEnder({ database, logger, endWhere, principals, check }: StreamEnderDeps) {
  let unlisten: (() => Promise<void>) | undefined;

  function onNotice(payload: string): void {
    let notice: z.infer<typeof noticeSchema>;
    try {
      notice = noticeSchema.parse(JSON.parse(payload));
    } catch (error) {
      logger.warn({ err: error }, 'ignored a malformed notice of ended live-channel credentials');
      return;
    }
    const selectors = notice.selectors as StreamSelector[];
    const ended = endWhere(
      (principal) => selectors.some((s) => matches(principal, s)),
      streamCloseCodes.credentialsEnded,
      closeReason(notice.reason),
    );
    if (ended > 0) logger.info({ sockets: ended, reason: notice.reason }, 'closed live-channel sockets');
  }

  return {
    /** Closes the matching sockets on every Steward process on this database. */
    async endStreams(selectors: StreamSelector[], reason: string): Promise<void> {
      if (selectors.length === 0) return;
      await database.notify(channel, JSON.stringify({ reason, selectors }));
    },
    /** Closes this process's sockets whose credential no longer holds. */
    async recheck(): Promise<void> {
      const open = principals();
      if (!check || open.length === 0) return;
      const stale = await check(open);
      for (const [principal, reason] of stale) {
        endWhere((p) => p === principal, streamCloseCodes.credentialsEnded, closeReason(reason));
      }
    },
    async start(): Promise<void> {
      unlisten = await database.listen(channel, onNotice);
    },
    async stop(): Promise<void> {
      await unlisten?.();
      unlisten = undefined;
    },
  };
}
