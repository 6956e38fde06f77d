// A person's home: their teams, what they and those teams own, the problems in it and its latest
// changes; for someone in no team, how to join one and where to start. It follows the catalog live.
import { useResource } from '../api/use-resource.ts';
import {
  MyTeamsCard,
  NoTeamCard,
  OwnedCard,
  OwnedProblemsCard,
  RecentChangesCard,
} from '../components/home/home-cards.tsx';
import { loadMyHome, type MyHome } from '../components/home/my-home.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { useReloadOnCatalogChange } from '../live/live-reload.ts';
import { useSession } from '../session/session-context.tsx';

export function HomePage() {
  const { user } = useSession();
  const firstName = user.name.split(' ')[0] || user.handle;
  const home = useResource(`home:${user.handle}:${user.teams.join(',')}`, () =>
    loadMyHome(user.handle, user.teams),
  );
  useReloadOnCatalogChange(home.reload);
  const inTeams = user.teams.length > 0;
  return (
    <>
      <PageHeader
        title={`Welcome, ${firstName}`}
        subtitle={
          inTeams
            ? 'Your teams, what they own, and what needs attention in it.'
            : 'Who owns what across the organisation, and where to start.'
        }
      />
      {!inTeams && <NoTeamCard />}
      <ResourceView resource={home} label="your home">
        {(mine) => (inTeams || mine.personal.ownedTotal > 0 ? <MyHomeCards home={mine} /> : null)}
      </ResourceView>
    </>
  );
}

function MyHomeCards({ home }: { home: MyHome }) {
  return (
    <>
      <div className="columns">
        {home.teams.length > 0 && <MyTeamsCard teams={home.teams} />}
        <RecentChangesCard changes={home.changes} sourceNames={home.sourceNames} />
      </div>
      <OwnedProblemsCard problems={home.problems} />
      <OwnedCard home={home} />
    </>
  );
}
