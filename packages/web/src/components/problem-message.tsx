// Shows what the API said went wrong: the problem's detail, and each field's message when there are any.
import type { ApiError } from '../api/http.ts';

export function ProblemMessage({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <div className="problem" role="alert">
      <p className="problem__title">{error.title}</p>
      <p className="problem__detail">{error.message}</p>
      {error.errors.length > 0 && (
        <ul className="problem__fields">
          {error.errors.map((problem) => (
            <li key={`${problem.field}:${problem.message}`}>
              <code>{problem.field}</code> {problem.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
