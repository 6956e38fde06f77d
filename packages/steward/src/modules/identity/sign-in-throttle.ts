// Slows password guessing: after too many failed sign-ins for one handle, further attempts are
// refused for a while, whatever the password. Kept in memory: a restart forgets, which is fine
// for a brake (not a lock), and it costs no write per attempt.
import { tooManyRequests } from '../../platform/errors.ts';
import type { SignInMethod } from './sign-in.ts';

export interface ThrottleOptions {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}

export const defaultThrottle: ThrottleOptions = { maxFailures: 10, windowMs: 15 * 60_000 };

export function throttled<C extends { handle: string }>(
  method: SignInMethod<C>,
  options: ThrottleOptions = defaultThrottle,
): SignInMethod<C> {
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();
  const recent = (key: string) => (failures.get(key) ?? []).filter((at) => now() - at < options.windowMs);
  return {
    name: method.name,
    async verifyCredentials(credentials) {
      const key = credentials.handle.toLowerCase();
      const seen = recent(key);
      if (seen.length >= options.maxFailures) {
        const waitMinutes = Math.ceil(((seen[0] ?? now()) + options.windowMs - now()) / 60_000);
        throw tooManyRequests(
          `too many failed sign-ins for ${credentials.handle}; try again in ${waitMinutes} minute${waitMinutes === 1 ? '' : 's'}, or ask an admin to reset the password`,
        );
      }
      try {
        const user = await method.verifyCredentials(credentials);
        failures.delete(key);
        return user;
      } catch (error) {
        failures.set(key, [...seen, now()]);
        if (failures.size > 10_000) failures.delete(failures.keys().next().value as string);
        throw error;
      }
    },
  };
}
