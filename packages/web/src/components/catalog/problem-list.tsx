// Catalog problems as a table: how bad, where (file:line:col), the stable code, and what to fix.
import type { CatalogProblem } from '../../api/catalog.ts';
import { Link } from '../../router.tsx';
import { Badge } from '../badge.tsx';
import { entityHref, shortRef } from './entity-refs.ts';

export function ProblemList({
  problems,
  showEntity = false,
}: {
  problems: CatalogProblem[];
  showEntity?: boolean;
}) {
  const sorted = [...problems].sort(
    (a, b) =>
      Number(a.severity !== 'error') - Number(b.severity !== 'error') ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column,
  );
  return (
    <div className="table-wrap">
      <table className="table table--problems">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Where</th>
            <th scope="col">Code</th>
            <th scope="col">Message</th>
            {showEntity && <th scope="col">Entity</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((problem) => (
            <tr key={problem.id ?? `${problem.file}:${problem.line}:${problem.column}:${problem.code}`}>
              <td>
                <Badge tone={problem.severity === 'error' ? 'danger' : 'warning'}>{problem.severity}</Badge>
              </td>
              <td>
                <code className="location">{`${problem.file}:${problem.line}:${problem.column}`}</code>
              </td>
              <td>
                <code className="action">{problem.code}</code>
              </td>
              <td>{problem.message}</td>
              {showEntity && (
                <td>
                  {problem.entity ? (
                    <Link href={entityHref(problem.entity)}>
                      {shortRef(problem.entity, { withKind: true })}
                    </Link>
                  ) : (
                    <span className="muted">—</span>
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

export function EntityProblems({ problems }: { problems: CatalogProblem[] }) {
  return (
    <section className="card card--flush" aria-labelledby="problems-title">
      <h2 id="problems-title" className="card__title">
        Problems <span className="count">{problems.length}</span>
      </h2>
      {problems.length === 0 ? (
        <p className="empty">No problems: this entity is valid and every ref it uses resolves.</p>
      ) : (
        <ProblemList problems={problems} />
      )}
    </section>
  );
}
