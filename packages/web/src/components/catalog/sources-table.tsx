// Where the catalog comes from: each source with the state of its last read, what it holds, and
// (for admins) a way to read it again.
import type { CatalogSourceView } from '../../api/catalog.ts';
import { Badge, type BadgeTone } from '../badge.tsx';
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
  refreshing: string | null;
}

export function SourcesTable({ sources, onRefresh, refreshing }: SourcesTableProps) {
  return (
    <div className="card card--flush table-wrap">
      <table className="table table--sources">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Entities
            </th>
            <th scope="col" className="numeric">
              Errors
            </th>
            <th scope="col" className="numeric">
              Warnings
            </th>
            <th scope="col">Last read</th>
            {onRefresh && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => (
            <tr key={source.id}>
              <td>
                <div className="source-cell">
                  <strong>{source.name}</strong>
                  <span className="muted">
                    <Badge>{source.kind}</Badge> <code>{source.target}</code>
                  </span>
                  {source.message && <span className="source-cell__message">{source.message}</span>}
                </div>
              </td>
              <td>
                <Badge tone={statusTones[source.status]}>{source.status}</Badge>
              </td>
              <td className="numeric">{source.counts.entities}</td>
              <td className="numeric">{source.counts.errors || <span className="muted">0</span>}</td>
              <td className="numeric">{source.counts.warnings || <span className="muted">0</span>}</td>
              <td>
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
              </td>
              {onRefresh && (
                <td className="table__actions">
                  {source.kind !== 'api' && (
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => onRefresh(source)}
                      disabled={refreshing !== null}
                    >
                      {refreshing === source.id ? 'Reading…' : 'Read again'}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
