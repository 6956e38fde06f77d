// One incident, for the people running it: its state with the moves allowed now, severity, roles,
// services, teams and attached alerts, status updates, the timeline (live on `incident:<id>`), the
// postmortem and follow-ups.
import { Fragment } from 'react';
import { listUsers } from '../../api/identity.ts';
import { fetchIncident, type IncidentView, listSeverities, type Severity } from '../../api/incidents.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnTopic } from '../../components/alerts/use-live-reload.ts';
import { FollowUpsCard } from '../../components/incidents/follow-ups-card.tsx';
import { SeverityBadge, StateBadge } from '../../components/incidents/incident-badges.tsx';
import { PostmortemCard } from '../../components/incidents/postmortem-card.tsx';
import { RefList } from '../../components/incidents/ref-list.tsx';
import { RolesCard } from '../../components/incidents/roles-card.tsx';
import { SeveritySelect } from '../../components/incidents/severity-select.tsx';
import { StateMoves } from '../../components/incidents/state-moves.tsx';
import { StatusUpdatesCard } from '../../components/incidents/status-updates-card.tsx';
import { TimelineCard } from '../../components/incidents/timeline-card.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatDateTime } from '../../components/time-format.ts';
import { usePageTitle } from '../../page-title.ts';
import { Link } from '../../router.tsx';

export function IncidentPage({ id }: { id: string }) {
  const incident = useResource(`incident:${id}`, () => fetchIncident(id));
  const severities = useResource('severities', listSeverities);
  const people = useResource('users', listUsers);
  useReloadOnTopic(`incident:${id}`, incident.reload);
  usePageTitle([incident.data?.title ?? id, 'Incident']);
  return (
    <ResourceView resource={incident} label="the incident">
      {(view) => (
        <>
          <PageHeader
            title={view.title}
            subtitle={
              <>
                <StateBadge state={view.state} /> <SeverityBadge severity={view.severity} />{' '}
                <span className="muted">
                  declared {formatDateTime(view.createdAt)} by {view.createdBy}
                </span>
              </>
            }
            crumbs={[{ href: '/incidents', label: 'Incidents' }]}
          />
          <StateMoves incident={view} onChanged={incident.reload} />
          <div className="columns columns--even">
            <About incident={view} severities={severities.data ?? []} onChanged={incident.reload} />
            <RolesCard incident={view} people={people.data ?? []} onChanged={incident.reload} />
          </div>
          <div className="columns columns--even">
            <TimelineCard incidentId={view.id} />
            <StatusUpdatesCard incidentId={view.id} />
          </div>
          <div className="columns columns--even">
            {/* A new state clears an earlier refusal's message. */}
            <PostmortemCard key={view.state} incident={view} />
            <FollowUpsCard incidentId={view.id} />
          </div>
        </>
      )}
    </ResourceView>
  );
}

interface AboutProps {
  incident: IncidentView;
  severities: Severity[];
  onChanged: () => void;
}

function About({ incident, severities, onChanged }: AboutProps) {
  const moments: [string, string | null][] = [
    ['Started', incident.startedAt],
    ['Acknowledged', incident.acknowledgedAt],
    ['Mitigated', incident.mitigatedAt],
    ['Resolved', incident.resolvedAt],
    ['Closed', incident.closedAt],
  ];
  return (
    <section className="card" aria-labelledby="incident-about-title">
      <h2 id="incident-about-title" className="card__title card__title--plain">
        About
      </h2>
      {severities.length > 0 && (
        <SeveritySelect incident={incident} severities={severities} onChanged={onChanged} />
      )}
      <dl className="details details--compact">
        <dt>State</dt>
        <dd data-testid="incident-state">{incident.state}</dd>
        <dt>Services</dt>
        <dd>
          <RefList refs={incident.services} />
        </dd>
        <dt>Teams</dt>
        <dd>
          <RefList refs={incident.teams} />
        </dd>
        <dt>Alerts</dt>
        <dd>
          {incident.alerts.length === 0 ? (
            <span className="muted">none attached</span>
          ) : (
            <ul className="link-list" aria-label="Attached alerts">
              {incident.alerts.map((alert) => (
                <li key={alert}>
                  <Link href={`/alerts/${encodeURIComponent(alert)}`}>{alert}</Link>
                </li>
              ))}
            </ul>
          )}
        </dd>
        {moments
          .filter(([, at]) => at)
          .map(([label, at]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>{formatDateTime(at as string)}</dd>
            </Fragment>
          ))}
        {incident.mergedInto && (
          <>
            <dt>Merged into</dt>
            <dd>
              <Link href={`/incidents/${encodeURIComponent(incident.mergedInto)}`}>
                {incident.mergedInto}
              </Link>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
