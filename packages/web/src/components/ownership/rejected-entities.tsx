// Entities the sources hold that the catalog rejected for errors: they are not in the catalog (nor
// in who-owns answers) until their files are fixed, so the sources page lists each with its problems.
import type { CatalogSourceView, RejectedEntityView } from '../../api/catalog.ts';
import { Badge } from '../badge.tsx';

export function RejectedEntities({
  rejected,
  sources,
}: {
  rejected: RejectedEntityView[];
  sources: CatalogSourceView[];
}) {
  if (rejected.length === 0) {
    return (
      <p className="empty card empty--good">No entity was rejected: every one read is in the catalog.</p>
    );
  }
  return (
    <section className="card card--flush" aria-label="Rejected entities">
      <ul className="rejected-list">
        {rejected.map((entity) => (
          <li key={entity.ref} className="rejected-list__item">
            <p>
              <code>{entity.ref}</code> <Badge tone="danger">rejected</Badge>{' '}
              <span className="muted">
                in {sources.find((s) => s.id === entity.source.id)?.name ?? entity.source.name},{' '}
                <code className="location">
                  {entity.file}:{entity.line}
                </code>
              </span>
            </p>
            <ul className="problem__fields">
              {entity.problems.map((problem) => (
                <li key={`${problem.file}:${problem.line}:${problem.column}:${problem.code}`}>
                  <code className="location">
                    {problem.file}:{problem.line}:{problem.column}
                  </code>{' '}
                  {problem.message}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
