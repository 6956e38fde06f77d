// The portal's one way to call Steward's HTTP API: JSON in and out, the session cookie sent by the
// browser, the CSRF token on every change, and RFC 9457 problems turned into ApiError.

export interface FieldProblem {
  field: string;
  message: string;
}

/** An answer that was not a success, carrying the problem's words for the user. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly errors: FieldProblem[];
  /** The whole problem document, for the members some answers add (a 409's current version, say). */
  readonly problem: Record<string, unknown>;

  constructor(
    status: number,
    title: string,
    detail: string,
    errors: FieldProblem[] = [],
    problem: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.errors = errors;
    this.problem = problem;
  }
}

let csrfToken: string | null = null;
const unauthorisedListeners = new Set<() => void>();

/** The token from the login or `/me` answer; every change made with the session cookie sends it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request comes back 401: the session ended, so the portal shows the sign-in page. */
export function onUnauthorised(listener: () => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'No connection', 'Steward did not answer; check your connection and try again.');
  }
  const payload = await readJson(response);
  if (response.ok) return payload as T;
  if (response.status === 401 && !path.endsWith('/auth/login')) {
    for (const listener of unauthorisedListeners) listener();
  }
  throw toApiError(response, payload);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toApiError(response: Response, payload: unknown): ApiError {
  const problem = (typeof payload === 'object' && payload !== null ? payload : {}) as {
    title?: unknown;
    detail?: unknown;
    errors?: unknown;
  };
  const title = typeof problem.title === 'string' ? problem.title : response.statusText || 'Request failed';
  const detail =
    typeof problem.detail === 'string'
      ? problem.detail
      : `Steward answered ${response.status} ${response.statusText}`.trim();
  const errors = Array.isArray(problem.errors) ? (problem.errors as FieldProblem[]) : [];
  return new ApiError(response.status, title, detail, errors, problem as Record<string, unknown>);
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
export const del = <T>(path: string) => request<T>('DELETE', path);
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
