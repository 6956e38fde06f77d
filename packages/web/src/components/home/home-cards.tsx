// The cards of a person's home: their teams, what the teams own, the problems in it, and what
// changed in it lately.
import { Link } from '../../router.tsx';
import { Badge, type BadgeTone } from '../badge.tsx';
import { Actor } from '../catalog/entity-history.tsx';
import { entityHref, shortRef } from '../catalog/entity-refs.ts';
import { EntityTable } from '../catalog/entity-table.tsx';
import { ProblemList } from '../catalog/problem-list.tsx';
import { formatAgo, formatDateTime } from '../time-format.ts';
import { everythingOwned, type MyHome, type MyTeam } from './my-home.ts';

export function MyTeamsCard({ teams }: { teams: MyTeam[] }) {
  return (
    <section className="card card--flush" aria-labelledby="my-teams-title">
      <h2 id="my-teams-title" className="card__title">
        Your teams <span className="count">{teams.length}</span>
      </h2>
      <ul className="home-teams">
        {teams.map((team) => (
          <li key={team.name} className="home-teams__item">
            <Link href={`/teams/${encodeURIComponent(team.name)}`} className="home-teams__name">
              {team.displayName}
            </Link>
            {team.role === 'lead' && <Badge tone="accent">lead</Badge>}
            <span className="muted">
              owns {team.ownedTotal} {team.ownedTotal === 1 ? 'entity' : 'entities'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OwnedCard({ home }: { home: Pick<MyHome, 'teams' | 'personal'> }) {
  const { shown, total } = everythingOwned(home);
  const owners = [
    ...(home.personal.ownedTotal > 0 ? [{ ref: home.personal.ref, label: 'you' }] : []),
    ...home.teams.map((team) => ({ ref: team.ref, label: team.displayName })),
  ];
  return (
    <section aria-labelledby="owned-home-title" className="home-section">
      <h2 id="owned-home-title" className="home-section__title">
        What you and your teams own <span className="count">{total}</span>
      </h2>
      {shown.length === 0 ? (
        <p className="empty card">
          Your teams own nothing in the catalog yet. An entity names its owner in <code>spec.owner</code>,
          e.g.{' '}
          <code>
            owner: {home.teams[0] ? shortRef(home.teams[0].ref, { withKind: true }) : 'group:your-team'}
          </code>
          .
        </p>
      ) : (
        <>
          <EntityTable entities={shown} />
          {shown.length < total && (
            <p className="owned__more">
              Showing {shown.length} of {total}; the catalog lists them all, filtered by owner (
              {owners.map((owner, index) => (
                <span key={owner.ref}>
                  {index > 0 && ', '}
                  <Link href={`/catalog?owner=${encodeURIComponent(owner.ref)}`}>{owner.label}</Link>
                </span>
              ))}
              ).
            </p>
          )}
        </>
      )}
    </section>
  );
}

export function OwnedProblemsCard({ problems }: { problems: MyHome['problems'] }) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <section className="card card--flush" aria-labelledby="home-problems-title">
      <h2 id="home-problems-title" className="card__title">
        Problems in what you own{' '}
        <span className="count">
          {errors} {errors === 1 ? 'error' : 'errors'}, {problems.length - errors} warnings
        </span>
      </h2>
      {problems.length === 0 ? (
        <p className="empty">
          No validation problems and no dangling references in what you and your teams own.
        </p>
      ) : (
        <ProblemList problems={problems} showEntity />
      )}
    </section>
  );
}

const changeTones: Record<string, BadgeTone> = { created: 'success', updated: 'accent', deleted: 'danger' };

export function RecentChangesCard({ changes, sourceNames }: Pick<MyHome, 'changes' | 'sourceNames'>) {
  const sourceName = (id: string) => sourceNames[id] ?? id;
  return (
    <section className="card card--flush" aria-labelledby="home-changes-title">
      <h2 id="home-changes-title" className="card__title">
        Recent changes
      </h2>
      {changes.length === 0 ? (
        <p className="empty">Nothing you or your teams own has changed yet.</p>
      ) : (
        <ol className="home-changes">
          {changes.map((change) => (
            <li key={change.id} className="home-changes__item">
              <Badge tone={changeTones[change.change] ?? 'neutral'}>{change.change}</Badge>{' '}
              <Link href={entityHref(change.entity)} className="home-changes__entity">
                {shortRef(change.entity, { withKind: true })}
              </Link>{' '}
              <span className="muted">
                by <Actor actor={change.actor} sourceName={sourceName} /> ·{' '}
                <time dateTime={change.at} title={formatDateTime(change.at)}>
                  {formatAgo(change.at)}
                </time>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** For someone in no team yet: how to get into one, and what they can already use. */
export function NoTeamCard() {
  return (
    <section className="card" aria-labelledby="no-team-title">
      <h2 id="no-team-title" className="card__title card__title--plain">
        You are not in a team yet
      </h2>
      <p>
        Your home shows what your teams own, its problems and its latest changes once you belong to one. To
        join a team, ask its lead or an admin to add you: <Link href="/teams">Teams</Link> lists every team
        with its members and leads. Where teams come from the catalog, your User entity names them in{' '}
        <code>spec.memberOf</code>.
      </p>
      <p>Meanwhile:</p>
      <ul>
        <li>
          <Link href="/catalog">Browse the catalog</Link>: every service, API, system and resource, with its
          owner.
        </li>
        <li>
          <Link href="/ownership">Ask who owns something</Link>: a service, a file path, an alert or a URL.
        </li>
        <li>
          <Link href="/people">Find people</Link> and the teams they are in.
        </li>
      </ul>
    </section>
  );
}
