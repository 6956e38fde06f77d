// One person: who they are, how to reach them, their role and the teams they belong to.
import { fetchUser } from '../api/identity.ts';
import { useResource } from '../api/use-resource.ts';
import { Avatar } from '../components/avatar.tsx';
import { Badge, roleTone } from '../components/badge.tsx';
import { ChangePasswordForm } from '../components/change-password-form.tsx';
import { OnlineDot } from '../components/online-dot.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { TeamChips } from '../components/team-chips.tsx';
import { formatDate } from '../components/time-format.ts';
import { useSession } from '../session/session-context.tsx';

const roleMeaning = {
  admin: 'May change everything, including people, teams and tokens.',
  member: 'May change what their teams own.',
  viewer: 'May read everything but change nothing.',
} as const;

export function PersonPage({ handle }: { handle: string }) {
  const user = useResource(`user:${handle}`, () => fetchUser(handle));
  const { user: me } = useSession();
  return (
    <ResourceView resource={user} label="this person">
      {(person) => (
        <>
          <PageHeader
            crumbs={[{ href: '/people', label: 'People' }]}
            leading={<Avatar handle={person.handle} name={person.name} size="lg" />}
            title={
              <span className="person-title">
                {person.name}
                <OnlineDot handle={person.handle} />
              </span>
            }
            subtitle={person.handle}
          />
          <section className="card" aria-label="Details">
            <dl className="details">
              <dt>Email</dt>
              <dd>{person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : '—'}</dd>
              <dt>Role</dt>
              <dd>
                <Badge tone={roleTone(person.role)}>{person.role}</Badge>{' '}
                <span className="muted">{roleMeaning[person.role]}</span>
              </dd>
              <dt>Teams</dt>
              <dd>
                <TeamChips teams={person.teams} />
              </dd>
              <dt>Joined</dt>
              <dd>{formatDate(person.createdAt)}</dd>
            </dl>
          </section>
          {/* Viewers change nothing, their password included: an admin resets it for them. */}
          {person.handle === me.handle && me.role !== 'viewer' && <ChangePasswordForm handle={me.handle} />}
        </>
      )}
    </ResourceView>
  );
}
