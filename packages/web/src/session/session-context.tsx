// The signed-in session as components see it: who the user is and how to sign out.
import type { User } from '@steward/steward/api';
import { createContext, useContext } from 'react';

export interface SessionValue {
  user: User;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

/** The signed-in user; only components under the signed-in layout call this. */
export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside the signed-in layout');
  return session;
}
