// Who is online: a signed-in user with a live-channel socket open on any Steward process. Each process
// keeps a row per user it serves, renewed on a heartbeat, so a process that dies drops out on expiry.
// Every change publishes the whole list on the `presence` topic, computed while the topic is locked,
// so the event with the highest seq always holds the newest list.
import type { Principal } from '../auth/principal.ts';
import type { Logger } from '../logging.ts';
import type { EventBus } from './bus.ts';
import { type BusEvent, eventJson } from './bus-codec.ts';
import type { Presence } from './protocol.ts';
import type { RealtimeStore } from './store.ts';

export const presenceTopic = 'presence';
const changed = 'presence.changed';

export interface PresenceDeps {
  store: RealtimeStore;
  bus: EventBus;
  logger: Logger;
  processId: string;
  /** How long a row outlives its last renewal. */
  ttlMs: number;
}

export type PresenceTracker = ReturnType<typeof createPresence>;

export function createPresence({ store, bus, logger, processId, ttlMs }: PresenceDeps) {
  const here = new Map<string, { sockets: number; principal: Principal }>();
  let writes: Promise<void> = Promise.resolve();

  /** Presence writes run one after another, so a quick close-and-reopen ends in the right state. */
  function write(work: () => Promise<unknown>): void {
    writes = writes
      .then(work)
      .then(() => undefined)
      .catch((error) => logger.error({ err: error }, 'could not update presence'));
  }

  const publishList = () =>
    bus.publishComputed(
      presenceTopic,
      changed,
      async (tx) => ({ users: await tx.onlineUsers() }) satisfies Presence,
    );

  const rowOf = (principal: Principal) => ({
    userId: principal.userId,
    handle: principal.handle,
    name: principal.name,
  });

  return {
    opened(principal: Principal): void {
      const entry = here.get(principal.userId);
      if (entry) {
        entry.sockets++;
        return;
      }
      here.set(principal.userId, { sockets: 1, principal });
      write(async () => {
        await store.upsertPresence(processId, rowOf(principal), ttlMs);
        await publishList();
      });
    },

    closed(principal: Principal): void {
      const entry = here.get(principal.userId);
      if (!entry || --entry.sockets > 0) return;
      here.delete(principal.userId);
      write(async () => {
        await store.deletePresence(processId, principal.userId);
        await publishList();
      });
    },

    /** The heartbeat: renews this process's users, restores any that expired, drops dead processes'. */
    renew(): Promise<void> {
      write(async () => {
        const { renewed, removed } = await store.renewPresence(processId, ttlMs);
        if (renewed < here.size) {
          for (const { principal } of here.values())
            await store.upsertPresence(processId, rowOf(principal), ttlMs);
        }
        if (removed > 0 || renewed < here.size) await publishList();
      });
      return writes;
    },

    /** The list now, for a subscriber when no presence event has reached this process yet. */
    async current(): Promise<BusEvent> {
      const seq = await store.latestSeq(presenceTopic);
      const users = await store.onlineUsers();
      return {
        topic: presenceTopic,
        seq,
        json: eventJson(presenceTopic, seq, changed, JSON.stringify({ users })),
      };
    },

    /** Takes this process's users off the list. */
    async stop(): Promise<void> {
      here.clear();
      write(async () => {
        await store.deletePresence(processId);
        await publishList();
      });
      await writes;
    },
  };
}
