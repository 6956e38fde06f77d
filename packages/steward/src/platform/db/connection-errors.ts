// Which errors mean "the database cannot be reached just now" rather than "this query is wrong":
// a restart, a failover, a network cut, a full connection table. A request that meets one gets 503
// with Retry-After (try again shortly), never a 500; the listener describes them in its logs.

/** SQLSTATEs of a server going away or refusing connections, and socket errors on the way to it. */
const unreachableCodes = new Set([
  '57P01', // admin_shutdown: terminated by an administrator or a restart
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, in recovery
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** node-postgres says these in words only: a connection that ended, a pool that could not connect in time. */
const unreachableMessages =
  /Connection terminated|Connection ended unexpectedly|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable/i;

export function isDatabaseUnreachable(error: unknown): boolean {
  return findUnreachable(error) !== undefined;
}

/** Short words for an operator: "connection refused", "terminated by the administrator (57P01)"… */
export function describeDatabaseError(error: unknown): string {
  const found = findUnreachable(error) ?? (error as { code?: string; message?: string });
  const code = typeof found?.code === 'string' ? found.code : undefined;
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'connection timed out',
    ENOTFOUND: 'host not found',
    '57P01': 'terminated by an administrator or a restart (57P01)',
    '57P02': 'the server crashed (57P02)',
    '57P03': 'the server is starting up or recovering (57P03)',
    '53300': 'too many connections (53300)',
  };
  if (code && words[code]) return words[code];
  const message = typeof found?.message === 'string' ? found.message : '';
  return message || code || String(error);
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  cause?: unknown;
}

/** Looks at the error, what it wraps (cause) and what it aggregates (a refused IPv4 and IPv6 pair). */
function findUnreachable(error: unknown, depth = 0): ErrorLike | undefined {
  if (depth > 4 || error === null || typeof error !== 'object') return undefined;
  const e = error as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : '';
  if (unreachableCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return e;
  if (typeof e.message === 'string' && unreachableMessages.test(e.message)) return e;
  for (const inner of Array.isArray(e.errors) ? e.errors : []) {
    const found = findUnreachable(inner, depth + 1);
    if (found) return found;
  }
  return findUnreachable(e.cause, depth + 1);
}
