// Who is online, from the live channel's `presence` topic, shared with every component that asks.
import type { Presence } from '@steward/steward/api';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { LiveStatus } from './live-channel.ts';
import { useLiveChannel, useLiveTopic } from './live-provider.tsx';

export type OnlineUser = Presence['users'][number];

export interface PresenceState {
  status: LiveStatus;
  users: OnlineUser[];
}

const PresenceContext = createContext<PresenceState>({ status: 'connecting', users: [] });

export function usePresence(): PresenceState {
  return useContext(PresenceContext);
}

/** Who is online and how the channel is doing, for every component below (inside LiveProvider). */
export function PresenceProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<PresenceState>({ status: 'connecting', users: [] });
  const channel = useLiveChannel();

  useEffect(() => {
    if (!channel) return;
    setState((previous) => ({ ...previous, status: channel.status }));
    return channel.onStatus((status) => setState((previous) => ({ ...previous, status })));
  }, [channel]);
  useLiveTopic('presence', {
    onEvent(event) {
      const users = usersOf(event.data);
      if (users) setState((previous) => ({ ...previous, users: sortByName(users) }));
    },
  });

  return <PresenceContext.Provider value={state}>{children}</PresenceContext.Provider>;
}

/** presence.snapshot and presence.changed both carry the whole list of who is online. */
function usersOf(data: unknown): OnlineUser[] | null {
  if (typeof data !== 'object' || data === null) return null;
  const users = (data as { users?: unknown }).users;
  if (!Array.isArray(users)) return null;
  return users.filter(
    (user): user is OnlineUser =>
      typeof user === 'object' && user !== null && typeof (user as OnlineUser).handle === 'string',
  );
}

function sortByName(users: OnlineUser[]): OnlineUser[] {
  return [...users].sort((a, b) => (a.name || a.handle).localeCompare(b.name || b.handle));
}
