// One JSON POST to a contact's URL, under a timeout, never following redirects, to http(s) only.
// Messages name the URL only by its label: the full URL is a secret.
import { httpUrlProblem } from '../addresses.ts';
import { retryableStatus, type SendOutcome } from './outcome.ts';

export interface Post {
  url: string;
  /** What messages call the URL: scheme, host and a hint (addresses.ts). */
  label: string;
  body: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
}

export async function postJson(post: Post): Promise<SendOutcome> {
  const problem = httpUrlProblem(post.url);
  if (problem !== null) return { kind: 'failed', reason: `not sent: ${problem}`, retryable: false };
  let response: Response;
  try {
    response = await fetch(post.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Steward', ...post.headers },
      body: JSON.stringify(post.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(post.timeoutMs),
    });
  } catch (error) {
    return {
      kind: 'failed',
      reason: `POST ${post.label} failed: ${networkReason(error, post.timeoutMs)}`,
      retryable: true,
    };
  }
  const excerpt = (await response.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim();
  const answer = `${response.status}${excerpt ? ` (${excerpt})` : ''}`;
  if (response.status >= 200 && response.status < 300) {
    return { kind: 'sent', detail: `POST ${post.label} answered ${response.status}` };
  }
  if (response.status >= 300 && response.status < 400) {
    return {
      kind: 'failed',
      reason: `POST ${post.label} answered ${response.status}, a redirect, which Steward does not follow: give the final URL`,
      retryable: false,
    };
  }
  const retryable = retryableStatus(response.status);
  return {
    kind: 'failed',
    reason: `POST ${post.label} answered ${answer}${retryable ? '' : ': a client error, so it is not retried'}`,
    retryable,
  };
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: string } | undefined)?.code;
  return code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
