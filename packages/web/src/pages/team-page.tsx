// One team: what it does, where it sits in the hierarchy, its members with their roles, its sub-teams,
// and what it owns in the catalog.
import { fetchTeam, listTeams, type Team, type TeamDetail } from '../api/identity.ts';
import { useResource } from '../api/use-resource.ts';
import { Avatar } from '../components/avatar.tsx';
import { Badge, roleTone } from '../components/badge.tsx';
import { TeamOwnedEntities } from '../components/catalog/team-owned-entities.tsx';
import { FindingsCard } from '../components/guardrails/findings-card.tsx';
import { TeamOverdueFollowUps } from '../components/incidents/team-follow-ups.tsx';
import { OncallNowCard } from '../components/oncall/oncall-now-card.tsx';
import { OnlineDot } from '../components/online-dot.tsx';
import { type Crumb, PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { TeamScorecards } from '../components/scorecards/team-scorecards.tsx';
import { TeamSlos } from '../components/slo/team-slos.tsx';
import { TeamRow } from '../components/team-tree.tsx';
import { useReloadOnCatalogChange } from '../live/live-reload.ts';
import { usePageTitle } from '../page-title.ts';
import { Link } from '../router.tsx';

export function TeamPage({ name }: { name: string }) {
  const team = useResource(`team:${name}`, () => fetchTeam(name));
  const teams = useResource('teams', listTeams);
  // Teams are the catalog's Groups: a change to the Group, its members or what it owns is a catalog change.
  useReloadOnCatalogChange(team.reload);
  useReloadOnCatalogChange(teams.reload);
  usePageTitle([team.data?.displayName ?? name, 'Team']);
  const all = teams.data ?? [];
  return (
    <ResourceView resource={team} label="the team">
      {(detail) => (
        <>
          <PageHeader
            title={detail.displayName}
            subtitle={detail.description ?? undefined}
            crumbs={[{ href: '/teams', label: 'Teams' }, ...ancestorsOf(detail, all)]}
          />
          <div className="columns">
            <Members team={detail} />
            <SubTeams team={detail} all={all} />
          </div>
          <OncallNowCard query={{ team: detail.name }} label={detail.displayName} />
          <TeamSlos team={detail.name} displayName={detail.displayName} />
          <TeamScorecards team={detail.name} displayName={detail.displayName} />
          <p>
            <Link href={`/noise/${encodeURIComponent(detail.name)}`}>
              Noise report of {detail.displayName}
            </Link>
            : which of its alerts fire most, resolve by themselves or wake people up.
          </p>
          <TeamOverdueFollowUps team={detail.name} />
          <FindingsCard query={{ team: detail.name }} label={detail.displayName} />
          <TeamOwnedEntities team={detail.name} displayName={detail.displayName} />
        </>
      )}
    </ResourceView>
  );
}

function ancestorsOf(team: Team, all: Team[]): Crumb[] {
  const byName = new Map(all.map((each) => [each.name, each]));
  const crumbs: Crumb[] = [];
  let parent = team.parent;
  while (parent && crumbs.length < 20) {
    const found = byName.get(parent);
    crumbs.unshift({ href: `/teams/${encodeURIComponent(parent)}`, label: found?.displayName ?? parent });
    parent = found?.parent ?? null;
  }
  return crumbs;
}

function Members({ team }: { team: TeamDetail }) {
  const members = [...team.members].sort(
    (a, b) => Number(b.role === 'lead') - Number(a.role === 'lead') || a.name.localeCompare(b.name),
  );
  return (
    <section className="card card--flush" aria-labelledby="members-title">
      <h2 id="members-title" className="card__title">
        Members <span className="count">{members.length}</span>
      </h2>
      {members.length === 0 ? (
        <p className="empty">No one belongs to this team directly.</p>
      ) : (
        <ul className="people-list">
          {members.map((member) => (
            <li key={member.handle} className="people-list__item">
              <Avatar handle={member.handle} name={member.name} />
              <div className="people-list__text">
                <Link href={`/people/${encodeURIComponent(member.handle)}`}>{member.name}</Link>
                <span className="muted">{member.handle}</span>
              </div>
              <OnlineDot handle={member.handle} />
              <Badge tone={roleTone(member.role)}>{member.role}</Badge>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SubTeams({ team, all }: { team: TeamDetail; all: Team[] }) {
  const byName = new Map(all.map((each) => [each.name, each]));
  return (
    <section className="card card--flush" aria-labelledby="sub-teams-title">
      <h2 id="sub-teams-title" className="card__title">
        Sub-teams <span className="count">{team.children.length}</span>
      </h2>
      {team.children.length === 0 ? (
        <p className="empty">{team.displayName} has no sub-teams.</p>
      ) : (
        <ul className="team-tree">
          {team.children.map((child) => {
            const found = byName.get(child);
            return (
              <li key={child} className="team-tree__item">
                {found ? (
                  <TeamRow team={found} />
                ) : (
                  <Link href={`/teams/${encodeURIComponent(child)}`}>{child}</Link>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
