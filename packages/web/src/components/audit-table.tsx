// Audit entries as a table: when, who, what, to which subject, and the change itself on demand.
import type { AuditEntry } from '../api/identity.ts';
import { Link } from '../router.tsx';
import { type Column, DataTable } from './data-table.tsx';
import { formatAgo, formatDateTime } from './time-format.ts';

const columns: Column<AuditEntry>[] = [
  {
    id: 'when',
    header: 'When',
    sortValue: (entry) => entry.at,
    cell: (entry) => (
      <time dateTime={entry.at} title={formatDateTime(entry.at)}>
        {formatAgo(entry.at)}
      </time>
    ),
  },
  {
    id: 'who',
    header: 'Who',
    sortValue: (entry) => entry.actor,
    cell: (entry) => <Actor actor={entry.actor} />,
  },
  {
    id: 'action',
    header: 'Action',
    sortValue: (entry) => entry.action,
    cell: (entry) => <code className="action">{entry.action}</code>,
  },
  {
    id: 'subject',
    header: 'Subject',
    sortValue: (entry) => `${entry.subjectType} ${entry.subjectId}`,
    cell: (entry) => (
      <>
        <span className="muted">{entry.subjectType}</span> {entry.subjectId}
      </>
    ),
  },
  { id: 'change', header: 'Change', cell: (entry) => <Change before={entry.before} after={entry.after} /> },
];

/** Newest first as the API answers; any column but the change sorts the entries loaded so far. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <DataTable
      label="Audit entries"
      className="table--audit"
      columns={columns}
      rows={entries}
      rowKey={(entry) => String(entry.id)}
    />
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
