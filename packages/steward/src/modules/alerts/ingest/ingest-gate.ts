// Overload, bounded: at most `limit` ingestion writes in flight on this server. Beyond it a sender is
// told to come back (503 or 429 with Retry-After, as each sender retries) rather than queued in
// memory, where a killed server would lose what it had said it accepted.
export class IngestGate {
  private inFlight = 0;
  readonly limit: number;
  /** Seconds a refused sender is asked to wait. */
  readonly retryAfterSeconds: number;

  constructor(limit: number, retryAfterSeconds = 5) {
    this.limit = limit;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Runs `work` in a slot, or answers null at once when every slot is taken. */
  async run<T>(work: () => Promise<T>): Promise<{ value: T } | null> {
    if (this.inFlight >= this.limit) return null;
    this.inFlight++;
    try {
      return { value: await work() };
    } finally {
      this.inFlight--;
    }
  }

  get busy(): number {
    return this.inFlight;
  }
}
