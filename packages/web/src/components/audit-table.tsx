// Audit entries as a table: when, who, what, to which subject, and the change itself on demand.
import type { AuditEntry } from '../api/identity.ts';
import { Link } from '../router.tsx';
import { formatAgo, formatDateTime } from './time-format.ts';

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <div className="card card--flush table-wrap">
      <table className="table table--audit">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Subject</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>
                <time dateTime={entry.at} title={formatDateTime(entry.at)}>
                  {formatAgo(entry.at)}
                </time>
              </td>
              <td>
                <Actor actor={entry.actor} />
              </td>
              <td>
                <code className="action">{entry.action}</code>
              </td>
              <td>
                <span className="muted">{entry.subjectType}</span> {entry.subjectId}
              </td>
              <td>
                <Change before={entry.before} after={entry.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Actor({ actor }: { actor: string }) {
  if (actor.startsWith('system:')) return <span className="muted">{actor}</span>;
  return <Link href={`/people/${encodeURIComponent(actor)}`}>{actor}</Link>;
}

function Change({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="muted">—</span>;
  return (
    <details className="change">
      <summary>{before == null ? 'created' : after == null ? 'removed' : 'changed'}</summary>
      <div className="change__body">
        {before != null && <Snapshot label="Before" value={before} />}
        {after != null && <Snapshot label="After" value={after} />}
      </div>
    </details>
  );
}

function Snapshot({ label, value }: { label: string; value: unknown }) {
  return (
    <figure className="change__snapshot">
      <figcaption className="muted">{label}</figcaption>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </figure>
  );
}
