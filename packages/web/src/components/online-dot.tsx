// A green dot beside people who are signed in right now.
import { usePresence } from '../live/presence.tsx';

export function OnlineDot({ handle }: { handle: string }) {
  const { users } = usePresence();
  if (!users.some((user) => user.handle === handle)) return null;
  return (
    <span className="online-dot" title="Online now">
      <span className="visually-hidden">online now</span>
    </span>
  );
}
