// The portal: find out whether someone is signed in, then show the sign-in page or the signed-in frame.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { onUnauthorised, setCsrfToken } from './api/http.ts';
import { fetchSession, type Session, signOut } from './api/identity.ts';
import { findArea } from './areas.ts';
import { TeamNamesProvider } from './components/catalog/team-names.tsx';
import { Layout } from './components/layout.tsx';
import { LiveProvider } from './live/live-provider.tsx';
import { PresenceProvider } from './live/presence.tsx';
import { pageTitle } from './page-title.ts';
import { SignInPage } from './pages/sign-in-page.tsx';
import { usePath } from './router.tsx';
import { renderRoute } from './routes.tsx';
import { SessionContext, type SessionValue } from './session/session-context.tsx';

type SessionState =
  | { state: 'checking' }
  | { state: 'signed-out' }
  | { state: 'signed-in'; session: Session };

export function App() {
  const [session, setSession] = useState<SessionState>({ state: 'checking' });

  const start = useCallback((value: Session) => {
    setCsrfToken(value.csrfToken);
    setSession({ state: 'signed-in', session: value });
  }, []);
  const end = useCallback(() => {
    setCsrfToken(null);
    setSession({ state: 'signed-out' });
  }, []);

  useEffect(() => {
    fetchSession().then(start, end);
    return onUnauthorised(end);
  }, [start, end]);

  if (session.state === 'checking') return <p className="splash">Loading Steward…</p>;
  if (session.state === 'signed-out') return <SignInPage onSignedIn={start} />;
  return <SignedIn session={session.session} onSignedOut={end} />;
}

function SignedIn({ session, onSignedOut }: { session: Session; onSignedOut: () => void }) {
  const path = usePath();
  const value = useMemo<SessionValue>(
    () => ({
      user: session.user,
      signOut: () => signOut().then(onSignedOut, onSignedOut),
    }),
    [session, onSignedOut],
  );
  useEffect(() => {
    document.title = pageTitle(titleOf(path));
  }, [path]);
  return (
    <SessionContext.Provider value={value}>
      <LiveProvider>
        <PresenceProvider>
          <TeamNamesProvider>
            <Layout>{renderRoute(path)}</Layout>
          </TeamNamesProvider>
        </PresenceProvider>
      </LiveProvider>
    </SessionContext.Provider>
  );
}

function titleOf(path: string): string {
  if (path === '/') return 'Home';
  const area = findArea(path) ?? findArea(`/${path.split('/')[1] ?? ''}`);
  return area?.label ?? 'Steward';
}
