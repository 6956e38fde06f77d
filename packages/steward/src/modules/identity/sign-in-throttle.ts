// Slows password guessing. Counted in the database, so every Steward process on it shares the count.
// An attempt takes a slot from each budget it counts against *before* the password is checked: the
// check is slow (scrypt), and attempts that read the count first and wrote it after all went ahead.
//
// Budgets, each per window (15 minutes):
//  - a handle from one address, strict (10). This stops the guesser's address, and only it: the owner,
//    signing in from anywhere else, is not locked out by someone else's guessing;
//  - a handle from every address, looser (50), so guesses spread over many addresses stay bounded too.
//    Filling it does lock the owner out, but only for the rest of the window, and only an attacker
//    with at least five addresses (five IPv6 /64s), each spending its full budget, can fill it;
//  - an address, whatever the handle (100): one address trying many handles.
// A refused attempt gives back what it took, so it counts against nobody's budget. A successful one
// gives back its slots and forgets that address's failures for the handle; it does not reset the
// handle's budget, or a guesser spread over many addresses would get a fresh one whenever the owner
// signs in. An admin setting a new password forgets every budget of the handle.
import { tooManyRequests } from '../../platform/errors.ts';
import { throttleAddress } from './client-address.ts';
import type { Db } from './store.ts';
import {
  deleteSpentBudgets,
  forgetBudgets,
  forgetBudgetsStartingWith,
  giveBackSlot,
  secondsUntilReset,
  type TakenSlot,
  takeSlot,
} from './throttle-store.ts';

export interface ThrottleLimits {
  perHandleAndAddress: number;
  perHandle: number;
  perAddress: number;
  windowMs: number;
}

export const defaultThrottleLimits: ThrottleLimits = {
  perHandleAndAddress: 10,
  perHandle: 50,
  perAddress: 100,
  windowMs: 15 * 60_000,
};

export interface SignInAttempt {
  /** Budgets this attempt filled: if it fails, the next attempts against them are refused until then. */
  readonly filled: { budget: string; until: Date }[];
  /** The credentials were right: the attempt counts against nothing. */
  succeeded(): Promise<void>;
}

export interface SignInThrottle {
  /** Counts an attempt to sign in as `handle` from `ip`, or refuses it (429, with when to retry). */
  attempt(handle: string, ip: string): Promise<SignInAttempt>;
  /** Forgets the failures counted for a handle, from every address. */
  forgetHandle(handle: string): Promise<void>;
}

interface Budget {
  name: string;
  key: string;
  limit: number;
  refusal: (wait: string) => string;
}

const pairKey = (handle: string, address: string) => `pair:${JSON.stringify([handle, address])}`;
const cleanupEveryMs = 60_000;

function budgetsFor(handle: string, address: string, limits: ThrottleLimits): Budget[] {
  const reset = 'or ask an admin to set a new password';
  return [
    {
      name: 'this handle from this address',
      key: pairKey(handle, address),
      limit: limits.perHandleAndAddress,
      refusal: (wait) =>
        `too many failed sign-ins for ${handle} from ${address}; try again in ${wait}, ${reset}`,
    },
    {
      name: 'this handle',
      key: `handle:${handle}`,
      limit: limits.perHandle,
      refusal: (wait) =>
        `too many failed sign-ins for ${handle} from several addresses; try again in ${wait}, ${reset}`,
    },
    {
      name: 'this address',
      key: `address:${address}`,
      limit: limits.perAddress,
      refusal: (wait) => `too many failed sign-ins from ${address}; try again in ${wait}`,
    },
  ];
}

export function createSignInThrottle(db: Db, limits: ThrottleLimits = defaultThrottleLimits): SignInThrottle {
  let lastCleanup = 0;
  return {
    async attempt(rawHandle, ip) {
      const handle = rawHandle.toLowerCase();
      const budgets = budgetsFor(handle, throttleAddress(ip), limits);
      const taken: { budget: Budget; slot: TakenSlot }[] = [];
      for (const budget of budgets) {
        const slot = await takeSlot(db, budget.key, budget.limit, limits.windowMs);
        if (!slot) {
          await Promise.all(taken.map((t) => giveBackSlot(db, t.budget.key)));
          const seconds = await secondsUntilReset(db, budget.key);
          throw tooManyRequests(budget.refusal(waitText(seconds)), seconds);
        }
        taken.push({ budget, slot });
      }
      if (Date.now() - lastCleanup > cleanupEveryMs) {
        lastCleanup = Date.now();
        await deleteSpentBudgets(db);
      }
      const [pair, ...rest] = taken;
      return {
        filled: taken
          .filter((t) => t.slot.failures >= t.budget.limit)
          .map((t) => ({ budget: t.budget.name, until: t.slot.resetsAt })),
        async succeeded() {
          await Promise.all(rest.map((t) => giveBackSlot(db, t.budget.key)));
          if (pair) await forgetBudgets(db, [pair.budget.key]);
        },
      };
    },
    async forgetHandle(rawHandle) {
      const handle = rawHandle.toLowerCase();
      await forgetBudgets(db, [`handle:${handle}`]);
      await forgetBudgetsStartingWith(db, `pair:[${JSON.stringify(handle)},`);
    },
  };
}

function waitText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
