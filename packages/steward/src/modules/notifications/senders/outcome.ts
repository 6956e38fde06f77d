// How one try at sending went: the delivery job turns it into sent, retrying, dead or skipped.
export type SendOutcome =
  | { kind: 'sent'; detail: string }
  /** Nothing was tried and trying again will not help (no SMTP configured). */
  | { kind: 'skipped'; reason: string }
  /** `retryable: false` for answers that say the request itself is wrong (most 4xx). */
  | { kind: 'failed'; reason: string; retryable: boolean };

/** 4xx means the far end refuses this request for good, except 408 (timeout) and 429 (slow down). */
export function retryableStatus(status: number): boolean {
  return !(status >= 400 && status < 500) || status === 408 || status === 429;
}
