// One alert: what it says, its labels, status and assignee, every hop of its route with the reason,
// the timeline of its states, the notifications sent about it, and Acknowledge / Resolve. Live on
// `alert:<id>`, so two responders looking at it see the same state.
import { type AlertDetail, acknowledgeAlert, fetchAlert, resolveAlert } from '../../api/alerts.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { AlertStatusBadge } from '../../components/alerts/alert-status.tsx';
import { DeliveryLog } from '../../components/alerts/delivery-log.tsx';
import { useReloadOnTopic } from '../../components/alerts/use-live-reload.ts';
import { RefLink } from '../../components/oncall/ref-links.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatDateTime } from '../../components/time-format.ts';
import { usePageTitle } from '../../page-title.ts';
import { Link } from '../../router.tsx';

export function AlertPage({ id }: { id: string }) {
  const alert = useResource(`alert:${id}`, () => fetchAlert(id));
  useReloadOnTopic(`alert:${id}`, alert.reload);
  usePageTitle([alert.data?.summary ?? id, 'Alert']);
  return (
    <ResourceView resource={alert} label="the alert">
      {(detail) => <AlertView detail={detail} onChanged={alert.reload} />}
    </ResourceView>
  );
}

function AlertView({ detail, onChanged }: { detail: AlertDetail; onChanged: () => void }) {
  const { busy, error, run } = useAction();
  const actions = (
    <>
      {detail.status === 'triggered' && (
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => run(() => acknowledgeAlert(detail.id), onChanged)}
        >
          Acknowledge
        </button>
      )}
      <Link
        className="button button--secondary"
        href={`/incidents/new?alert=${encodeURIComponent(detail.id)}`}
      >
        Declare incident
      </Link>
      {detail.status !== 'resolved' && (
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => run(() => resolveAlert(detail.id), onChanged)}
        >
          Resolve
        </button>
      )}
    </>
  );
  return (
    <>
      <PageHeader
        title={detail.summary || detail.id}
        subtitle={<AlertStatusBadge status={detail.status} />}
        crumbs={[{ href: '/alerts', label: 'Alerts' }]}
        actions={actions}
      />
      {error && <ProblemMessage error={error} />}
      <div className="columns columns--even">
        <section className="card" aria-labelledby="alert-about-title">
          <h2 id="alert-about-title" className="card__title card__title--plain">
            About
          </h2>
          <dl className="details details--compact">
            <dt>Status</dt>
            <dd data-testid="alert-status">{detail.status}</dd>
            <dt>Service</dt>
            <dd>
              <RefLink entityRef={detail.service} />
            </dd>
            <dt>Team</dt>
            <dd>
              <RefLink entityRef={detail.team} />
              {detail.unowned && ' (nothing owns it: the default alert team)'}
            </dd>
            {detail.slo && (
              <>
                <dt>SLO</dt>
                <dd>
                  <Link href={`/slos/${encodeURIComponent(detail.slo.id)}`}>{detail.slo.name}</Link>
                </dd>
              </>
            )}
            <dt>Assignee</dt>
            <dd>
              <RefLink entityRef={detail.assignee} />
            </dd>
            <dt>Urgency</dt>
            <dd>{detail.urgency}</dd>
            <dt>Opened</dt>
            <dd>{formatDateTime(detail.createdAt)}</dd>
            <dt>From</dt>
            <dd>
              {detail.integration} ({detail.source})
            </dd>
            {detail.acknowledgedAt && (
              <>
                <dt>Acknowledged</dt>
                <dd>
                  {formatDateTime(detail.acknowledgedAt)} by {detail.acknowledgedBy ?? 'someone'}
                </dd>
              </>
            )}
            {detail.resolvedAt && (
              <>
                <dt>Resolved</dt>
                <dd>
                  {formatDateTime(detail.resolvedAt)} by {detail.resolvedBy ?? 'the sender'}
                </dd>
              </>
            )}
          </dl>
        </section>
        <section className="card" aria-labelledby="alert-labels-title">
          <h2 id="alert-labels-title" className="card__title card__title--plain">
            Labels
          </h2>
          <ul className="label-list">
            {Object.entries(detail.labels).map(([name, value]) => (
              <li key={name}>
                <code>
                  {name}={value}
                </code>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <div className="columns columns--even">
        <section className="card" aria-labelledby="alert-hops-title">
          <h2 id="alert-hops-title" className="card__title card__title--plain">
            Route
          </h2>
          <ol className="hops" aria-label="Hops">
            {detail.hops.map((hop) => (
              <li key={`${hop.at}-${hop.kind}-${hop.text}`}>
                <strong>{hop.kind}</strong> {hop.text}{' '}
                <time className="muted" dateTime={hop.at}>
                  {formatDateTime(hop.at)}
                </time>
              </li>
            ))}
          </ol>
        </section>
        <section className="card" aria-labelledby="alert-timeline-title">
          <h2 id="alert-timeline-title" className="card__title card__title--plain">
            Timeline
          </h2>
          <ol className="hops" aria-label="Timeline">
            {detail.timeline.map((item) => (
              <li key={`${item.at}-${item.status}-${item.text}`}>
                <AlertStatusBadge status={item.status} /> {item.text}{' '}
                <span className="muted">by {item.by}</span>{' '}
                <time className="muted" dateTime={item.at}>
                  {formatDateTime(item.at)}
                </time>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <DeliveryLog alertId={detail.id} />
    </>
  );
}
