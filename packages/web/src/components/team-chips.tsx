// The teams a person belongs to, as links.
import { Link } from '../router.tsx';

export function TeamChips({ teams }: { teams: string[] }) {
  if (teams.length === 0) return <span className="muted">No team</span>;
  return (
    <ul className="chips">
      {teams.map((team) => (
        <li key={team}>
          <Link href={`/teams/${encodeURIComponent(team)}`} className="chip">
            {team}
          </Link>
        </li>
      ))}
    </ul>
  );
}
