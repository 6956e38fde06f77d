// What identity's services share besides the database: the password check, the sign-in throttle, and
// the way to close live-channel streams whose credentials ended.
import type { Logger } from '../../platform/logging.ts';
import type { StreamSelector } from '../../platform/realtime/index.ts';
import type { PasswordCredentials, SignInMethod } from './sign-in.ts';
import type { SignInThrottle } from './sign-in-throttle.ts';
import type { Db } from './store.ts';

/** Closes, on every Steward process, the live-channel streams opened with credentials that ended. */
export type EndStreams = (selectors: StreamSelector[], reason: string) => Promise<void>;

export interface IdentityContext {
  db: Db;
  logger: Logger;
  passwordCheck: SignInMethod<PasswordCredentials>;
  throttle: SignInThrottle;
  /** Called after the change that ended the credentials committed; never throws. */
  endStreams: EndStreams;
}

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
