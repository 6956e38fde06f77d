// "On call now" for a team or a service: the people its escalation policy reaches at this moment, by
// step, with the schedule that put them there and until when. A team or service without a policy (or
// not in the catalog yet) shows a quiet line, never an error.
import { fetchOncall, type OncallEntry } from '../../api/oncall.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnTopic } from '../alerts/use-live-reload.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { formatDateTime } from '../time-format.ts';
import { RefLink } from './ref-links.tsx';

const everyMinute = 60_000;

type Query = { team: string } | { service: string };

export function OncallNowCard({ query, label }: { query: Query; label: string }) {
  const key = 'team' in query ? `team=${query.team}` : `service=${query.service}`;
  const oncall = useResource(`oncall:${key}`, () => fetchOncall(query));
  useReloadOnTopic('alerts', oncall.reload, everyMinute);
  const titleId = `oncall-now-${key.replace(/[^a-z0-9-]/gi, '-')}`;
  return (
    <section className="card card--flush" aria-labelledby={titleId}>
      <h2 id={titleId} className="card__title">
        On call now
      </h2>
      {oncall.state === 'loading' && <p className="loading">Loading who is on call…</p>}
      {oncall.state === 'failed' &&
        (oncall.error.status === 404 ? (
          <p className="empty">No escalation policy reaches anyone for {label}.</p>
        ) : (
          <ProblemMessage error={oncall.error} onRetry={oncall.reload} />
        ))}
      {oncall.state === 'ready' && <OncallList entries={oncall.data.oncall} label={label} />}
    </section>
  );
}

export function OncallList({ entries, label }: { entries: OncallEntry[]; label: string }) {
  if (entries.length === 0) {
    return <p className="empty">No escalation policy reaches anyone for {label} now.</p>;
  }
  return (
    <ul className="oncall-list">
      {entries.map((entry) => (
        <li key={`${entry.level}-${entry.user}-${entry.schedule ?? ''}`} className="oncall-list__item">
          <span className="oncall-list__level" title="escalation step">
            Level {entry.level}
          </span>
          <span className="oncall-list__person">
            <RefLink entityRef={entry.user} />
          </span>
          <span className="muted">
            {entry.schedule ? (
              <>
                via <RefLink entityRef={entry.schedule} />
              </>
            ) : (
              'named in the policy'
            )}
            {' · until '}
            <time dateTime={entry.until}>{formatDateTime(entry.until)}</time>
          </span>
        </li>
      ))}
    </ul>
  );
}
