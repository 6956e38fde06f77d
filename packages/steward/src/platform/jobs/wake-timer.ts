// One timer per runner for "look again at": it can be brought forward by news of an earlier job,
// and is set afresh after each full look at the table.
/** setTimeout fires at once for anything longer (about 24.8 days). */
const longestTimeoutMs = 2 ** 31 - 1;

export class WakeTimer {
  private timer: NodeJS.Timeout | undefined;
  private at = Number.POSITIVE_INFINITY;
  private readonly fire: () => void;

  constructor(fire: () => void) {
    this.fire = fire;
  }

  /** Fires at `at` (epoch ms) unless it will already fire earlier. */
  bringForward(at: number): void {
    if (at < this.at) this.set(at);
  }

  set(at: number): void {
    clearTimeout(this.timer);
    this.at = at;
    this.timer = setTimeout(
      () => {
        this.at = Number.POSITIVE_INFINITY;
        this.fire();
      },
      Math.min(longestTimeoutMs, Math.max(0, at - Date.now())),
    );
    // The runner must not keep a process alive on its own; the server or the caller does.
    this.timer.unref();
  }

  clear(): void {
    clearTimeout(this.timer);
    this.at = Number.POSITIVE_INFINITY;
  }
}
