// The bar across the top: the product, search, who is online, the signed-in user and sign-out.
import { useState } from 'react';
import { Link } from '../router.tsx';
import { useSession } from '../session/session-context.tsx';
import { Avatar } from './avatar.tsx';
import { GlobalSearch } from './global-search.tsx';
import { PresenceIndicator } from './presence-indicator.tsx';

export function TopBar() {
  const { user, signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);
  const handleSignOut = () => {
    setSigningOut(true);
    signOut().finally(() => setSigningOut(false));
  };
  return (
    <header className="top-bar">
      <Link href="/" className="brand">
        <span className="brand__mark" aria-hidden="true">
          S
        </span>
        <span className="brand__name">Steward</span>
      </Link>
      <GlobalSearch />
      <div className="top-bar__end">
        <PresenceIndicator me={user} />
        <Link href={`/people/${encodeURIComponent(user.handle)}`} className="top-bar__user">
          <Avatar handle={user.handle} name={user.name} size="sm" />
          <span className="top-bar__user-text">
            <span className="top-bar__user-name">{user.name}</span>
            <span className="top-bar__user-role">{user.role}</span>
          </span>
        </Link>
        <button type="button" className="button button--ghost" onClick={handleSignOut} disabled={signingOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
