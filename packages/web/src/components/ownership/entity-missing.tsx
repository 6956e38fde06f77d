// What the entity route shows when the catalog has no such entity: never a bare 404. An entity a
// source holds but the catalog rejected for errors is shown as rejected, with each problem at
// file:line:col (the API's 404 carries them); otherwise, plainly, that it is not in the catalog.
import type { ApiError } from '../../api/http.ts';
import { Link } from '../../router.tsx';
import { Badge } from '../badge.tsx';

export function EntityMissing({ entityRef, error }: { entityRef: string; error: ApiError }) {
  const rejected = error.errors.length > 0;
  return (
    <section className="card" aria-label={rejected ? 'Rejected entity' : 'Entity not found'}>
      <h1 className="card__title">
        <code>{entityRef}</code>{' '}
        {rejected ? <Badge tone="danger">rejected</Badge> : <Badge tone="warning">not in this catalog</Badge>}
      </h1>
      <p>{error.message}</p>
      {rejected && (
        <ul className="problem__fields" aria-label="Why it was rejected">
          {error.errors.map((problem) => (
            <li key={`${problem.field}:${problem.message}`}>
              <code className="location">{problem.field}</code> {problem.message}
            </li>
          ))}
        </ul>
      )}
      <p>
        {rejected ? (
          <Link href="/catalog/sources">See the sources and what to fix in their files</Link>
        ) : (
          <Link href="/catalog">Search the catalog</Link>
        )}
      </p>
    </section>
  );
}
