// Where the catalog comes from: each source with the state of its last read, what it holds, and
// (for admins) a way to read it again.
import type { CatalogSourceView } from '../../api/catalog.ts';
import { Badge, type BadgeTone } from '../badge.tsx';
import { type Column, DataTable } from '../data-table.tsx';
import { formatAgo, formatDateTime } from '../time-format.ts';

const statusTones: Record<CatalogSourceView['status'], BadgeTone> = {
  ok: 'success',
  errors: 'danger',
  failed: 'danger',
  pending: 'neutral',
};

interface SourcesTableProps {
  sources: CatalogSourceView[];
  /** Set for admins: reads a source again. */
  onRefresh?: (source: CatalogSourceView) => void;
  /** Set on the admin page: removes a source with its entities. */
  onRemove?: (source: CatalogSourceView) => void;
  refreshing: string | null;
}

const columns: Column<CatalogSourceView>[] = [
  {
    id: 'source',
    header: 'Source',
    sortValue: (source) => source.name,
    cell: (source) => <SourceCell source={source} />,
  },
  {
    id: 'status',
    header: 'Status',
    sortValue: (source) => source.status,
    cell: (source) => <Badge tone={statusTones[source.status]}>{source.status}</Badge>,
  },
  {
    id: 'entities',
    header: 'Entities',
    className: 'numeric',
    sortValue: (source) => source.counts.entities,
    cell: (source) => source.counts.entities,
  },
  {
    id: 'errors',
    header: 'Errors',
    className: 'numeric',
    sortValue: (source) => source.counts.errors,
    cell: (source) => source.counts.errors || <span className="muted">0</span>,
  },
  {
    id: 'warnings',
    header: 'Warnings',
    className: 'numeric',
    sortValue: (source) => source.counts.warnings,
    cell: (source) => source.counts.warnings || <span className="muted">0</span>,
  },
  {
    id: 'last-read',
    header: 'Last read',
    sortValue: (source) => source.lastIngestedAt,
    cell: (source) => <LastRead source={source} />,
  },
];

export function SourcesTable({ sources, onRefresh, onRemove, refreshing }: SourcesTableProps) {
  const actions: Column<CatalogSourceView> = {
    id: 'actions',
    header: <span className="visually-hidden">Actions</span>,
    className: 'table__actions',
    cell: (source) =>
      source.kind !== 'api' && (
        <>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onRefresh?.(source)}
            disabled={refreshing !== null}
          >
            {refreshing === source.id ? 'Reading…' : 'Read again'}
          </button>
          {onRemove && (
            <button
              type="button"
              className="button button--danger-ghost"
              aria-label={`Remove ${source.name}`}
              onClick={() => onRemove(source)}
              disabled={refreshing !== null}
            >
              Remove
            </button>
          )}
        </>
      ),
  };
  return (
    <DataTable
      label="Catalog sources"
      className="table--sources"
      columns={onRefresh ? [...columns, actions] : columns}
      rows={sources}
      rowKey={(source) => source.id}
    />
  );
}

function SourceCell({ source }: { source: CatalogSourceView }) {
  return (
    <div className="source-cell">
      <strong>{source.name}</strong>
      <span className="muted">
        <Badge>{source.kind}</Badge> <code>{source.target}</code>
      </span>
      {source.repository && source.repository.name !== source.target && (
        <span className="muted">
          repository <code>{source.repository.name}</code>
          {source.repository.path && (
            <>
              {' '}
              at <code>{source.repository.path}/</code>
            </>
          )}
        </span>
      )}
      {source.message && <span className="source-cell__message">{source.message}</span>}
    </div>
  );
}

function LastRead({ source }: { source: CatalogSourceView }) {
  return (
    <>
      {source.lastIngestedAt ? (
        <time dateTime={source.lastIngestedAt} title={formatDateTime(source.lastIngestedAt)}>
          {formatAgo(source.lastIngestedAt)}
        </time>
      ) : (
        <span className="muted">never</span>
      )}
      {source.revision && (
        <code className="source-cell__revision" title={source.revision}>
          {source.revision.slice(0, 8)}
        </code>
      )}
    </>
  );
}
