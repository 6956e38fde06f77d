// Ending live-channel streams whose credentials ended (a password reset, a person leaving the catalog).
import type { Logger } from '../../platform/logging.ts';
import type { StreamSelector } from '../../platform/realtime/index.ts';

/** Closes, on every Steward process, the live-channel streams opened with credentials that ended. */
export type EndStreams = (selectors: StreamSelector[], reason: string) => Promise<void>;

/**
 * A failed notice is logged, not the caller's error: the change itself committed, and every process
 * rechecks its streams' credentials periodically, so the streams still close, only later.
 */
export function safeEndStreams(logger: Logger, endStreams: EndStreams | undefined): EndStreams {
  return async (selectors, reason) => {
    try {
      await endStreams?.(selectors, reason);
    } catch (error) {
      logger.warn({ err: error, reason }, 'could not tell the live channel that credentials ended');
    }
  };
}
