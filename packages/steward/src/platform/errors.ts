// The closed set of error kinds Steward raises, and their one mapping to HTTP problem+json (RFC 9457).
// Every message says what was wrong, where, and what would be right.

export type ErrorKind =
  | 'invalid'
  | 'unauthorised'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many_requests'
  | 'unavailable';

export interface FieldProblem {
  /** Where: a request field path such as `body.name`, or `file:line:col`. */
  field: string;
  message: string;
}

const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorised: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  unavailable: 503,
};

const titleOf: Record<ErrorKind, string> = {
  invalid: 'Invalid request',
  unauthorised: 'Not signed in',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  too_many_requests: 'Too many requests',
  unavailable: 'Unavailable',
};

export class StewardError extends Error {
  readonly kind: ErrorKind;
  readonly problems: FieldProblem[];
  /** When trying again makes sense, in seconds: sent as Retry-After. */
  retryAfterSeconds: number | undefined;
  /** Members added to the problem document: what a client needs to recover (the allowed moves, the current version). */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    kind: ErrorKind,
    message: string,
    problems: FieldProblem[] = [],
    extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'StewardError';
    this.kind = kind;
    this.problems = problems;
    this.extra = extra;
  }
}

export const invalid = (message: string, problems: FieldProblem[] = []) =>
  new StewardError('invalid', message, problems);
export const unauthorised = (message: string) => new StewardError('unauthorised', message);
export const forbidden = (message: string) => new StewardError('forbidden', message);
export const notFound = (message: string, problems: FieldProblem[] = []) =>
  new StewardError('not_found', message, problems);
export const conflict = (message: string, extra?: Record<string, unknown>) =>
  new StewardError('conflict', message, [], extra);
export const tooManyRequests = (message: string, retryAfterSeconds?: number) => {
  const error = new StewardError('too_many_requests', message);
  error.retryAfterSeconds = retryAfterSeconds;
  return error;
};
export const unavailable = (message: string) => new StewardError('unavailable', message);

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
}

export function problemFor(kind: ErrorKind, detail: string, problems: FieldProblem[] = []): Problem {
  const problem: Problem = {
    type: `https://steward.dev/problems/${kind.replaceAll('_', '-')}`,
    title: titleOf[kind],
    status: statusOf[kind],
    detail,
  };
  if (problems.length > 0) problem.errors = problems;
  return problem;
}

/** A problem whose status is not one of the kinds (413, 415, 429, 500…), for framework-level errors. */
export function problemWithStatus(status: number, title: string, detail: string): Problem {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return { type: `https://steward.dev/problems/${slug}`, title, status, detail };
}
