// "Who is online": avatars of the people signed in right now, live from the presence topic.
import { type OnlineUser, usePresence } from '../live/presence.tsx';
import { Link } from '../router.tsx';
import { Avatar } from './avatar.tsx';

const shown = 5;

const statusText = {
  connecting: 'Connecting to live updates…',
  live: 'Live updates on',
  offline: 'Live updates offline; reconnecting',
} as const;

/** `me` is the signed-in user, whose own name the session knows even when presence carries only handles. */
export function PresenceIndicator({ me }: { me: { handle: string; name: string } }) {
  const { status, users } = usePresence();
  const more = users.length - shown;
  return (
    <section className="presence" aria-label="Who is online">
      <span className={`presence__dot presence__dot--${status}`} title={statusText[status]}>
        <span className="visually-hidden">{statusText[status]}</span>
      </span>
      <ul className="presence__list">
        {users.slice(0, shown).map((user) => (
          <PresenceAvatar key={user.handle} user={user} isMe={user.handle === me.handle} />
        ))}
      </ul>
      {more > 0 && <span className="presence__more">+{more}</span>}
      <span className="presence__count">{status === 'live' ? `${users.length} online` : ''}</span>
    </section>
  );
}

function PresenceAvatar({ user, isMe }: { user: OnlineUser; isMe: boolean }) {
  const label = isMe ? `${user.name} (you)` : user.name;
  return (
    <li className="presence__item" title={label}>
      <Link href={`/people/${encodeURIComponent(user.handle)}`} className="presence__link">
        <Avatar handle={user.handle} name={user.name} size="sm" />
        <span className="visually-hidden">{label}</span>
      </Link>
    </li>
  );
}
