// What happened to an entity, newest first: who or which source changed it, when, from which
// commit, and for an update the fields that changed, before and after.
import { type EntityName, fetchHistory, type HistoryEntry, listSources } from '../../api/catalog.ts';
import { useResource } from '../../api/use-resource.ts';
import { useReloadOnCatalogChange } from '../../live/live-reload.ts';
import { Link } from '../../router.tsx';
import { Badge, type BadgeTone } from '../badge.tsx';
import { ResourceView } from '../resource-view.tsx';
import { formatAgo, formatDateTime } from '../time-format.ts';
import { changedFields, formatValue } from './history-diff.ts';

const changeTones: Record<HistoryEntry['change'], BadgeTone> = {
  created: 'success',
  updated: 'accent',
  deleted: 'danger',
};

export function EntityHistory({ entity, entityRef }: { entity: EntityName; entityRef: string }) {
  const history = useResource(`history:${entityRef}`, () => fetchHistory(entity));
  useReloadOnCatalogChange(history.reload);
  const sources = useResource('catalog-sources', listSources);
  const sourceName = (id: string) => sources.data?.find((source) => source.id === id)?.name ?? id;
  return (
    <section className="card card--flush" aria-labelledby="history-title">
      <h2 id="history-title" className="card__title">
        History
      </h2>
      <ResourceView resource={history} label="the history">
        {(entries) =>
          entries.length === 0 ? (
            <p className="empty">No changes recorded.</p>
          ) : (
            <ol className="history">
              {entries.map((entry) => (
                <HistoryItem key={entry.id} entry={entry} sourceName={sourceName} />
              ))}
            </ol>
          )
        }
      </ResourceView>
    </section>
  );
}

function HistoryItem({ entry, sourceName }: { entry: HistoryEntry; sourceName: (id: string) => string }) {
  const changes = entry.change === 'updated' ? changedFields(entry.before, entry.after) : [];
  return (
    <li className="history__item">
      <p className="history__line">
        <Badge tone={changeTones[entry.change]}>{entry.change}</Badge>
        <span>
          by <Actor actor={entry.actor} sourceName={sourceName} />
        </span>
        {entry.revision && (
          <code className="history__revision" title={entry.revision}>
            {entry.revision.slice(0, 8)}
          </code>
        )}
        <time className="history__when" dateTime={entry.at} title={formatDateTime(entry.at)}>
          {formatAgo(entry.at)}
        </time>
      </p>
      {changes.length > 0 && (
        <table className="diff">
          <tbody>
            {changes.map((change) => (
              <tr key={change.field}>
                <th scope="row">
                  <code>{change.field}</code>
                </th>
                <td className="diff__before">{formatValue(change.before)}</td>
                <td className="diff__arrow" aria-label="became">
                  →
                </td>
                <td className="diff__after">{formatValue(change.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entry.change === 'updated' && changes.length === 0 && (
        <p className="muted history__note">Written again with no field changed.</p>
      )}
    </li>
  );
}

export function Actor({ actor, sourceName }: { actor: string; sourceName: (id: string) => string }) {
  if (actor.startsWith('user:')) {
    const handle = actor.slice('user:'.length);
    return <Link href={`/people/${encodeURIComponent(handle)}`}>{handle}</Link>;
  }
  if (actor.startsWith('source:')) {
    return (
      <Link href="/catalog/sources" title={actor}>
        {sourceName(actor.slice('source:'.length))}
      </Link>
    );
  }
  return <span>{actor}</span>;
}
