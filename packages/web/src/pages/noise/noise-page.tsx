// A team's noise report, for the review where alerts are removed: which alerts fire most, how many
// resolved with nobody acting, which flap, who is paged outside working hours, how fast people answer.
import { useState } from 'react';
import { fetchNoise } from '../../api/alerts.ts';
import { listTeams } from '../../api/identity.ts';
import { useResource } from '../../api/use-resource.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { usePageTitle } from '../../page-title.ts';
import { Link } from '../../router.tsx';
import { NoiseFigures, NoiseFlapping, NoiseGroups, NoisePeople } from './noise-report.tsx';

const periods = [7, 30, 90];

export const noisePathOf = (team: string) => `/noise/${encodeURIComponent(team)}`;

export function NoisePage({ team }: { team: string }) {
  const [days, setDays] = useState(30);
  const report = useResource(`noise:${team}:${days}`, () => fetchNoise(team, days));
  usePageTitle([team, 'Noise report']);
  return (
    <>
      <PageHeader
        title={`Noise: ${team}`}
        subtitle="Which alerts to remove or fix: the team's alerts over the period, and what they cost people."
        crumbs={[
          { href: '/noise', label: 'Noise report' },
          { href: `/teams/${encodeURIComponent(team)}`, label: team },
        ]}
        actions={
          <label className="field">
            <span className="field__label">Period</span>
            <select value={days} onChange={(event) => setDays(Number(event.target.value))}>
              {periods.map((each) => (
                <option key={each} value={each}>
                  last {each} days
                </option>
              ))}
            </select>
          </label>
        }
      />
      <ResourceView resource={report} label="the noise report">
        {(data) => (
          <>
            <NoiseFigures report={data} />
            <h2 className="section-title">Alerts by count</h2>
            <NoiseGroups groups={data.groups} />
            <h2 className="section-title">Flapping</h2>
            <NoiseFlapping flapping={data.flapping} />
            <h2 className="section-title">Pages by person</h2>
            <NoisePeople people={data.pagesOutsideHours.byPerson} />
          </>
        )}
      </ResourceView>
    </>
  );
}

/** Every team, each a link to its report. */
export function NoiseIndexPage() {
  const teams = useResource('teams', listTeams);
  usePageTitle(['Noise report']);
  return (
    <>
      <PageHeader title="Noise report" subtitle="Pick a team to see which of its alerts are noise." />
      <ResourceView resource={teams} label="teams">
        {(list) =>
          list.length === 0 ? (
            <p className="empty card">No teams yet.</p>
          ) : (
            <ul className="card noise-list" aria-label="Teams">
              {[...list]
                .sort((a, b) => a.displayName.localeCompare(b.displayName))
                .map((each) => (
                  <li key={each.name}>
                    <Link href={noisePathOf(each.name)}>{each.displayName}</Link>
                  </li>
                ))}
            </ul>
          )
        }
      </ResourceView>
    </>
  );
}
