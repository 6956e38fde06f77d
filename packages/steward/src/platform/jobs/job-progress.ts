// A running job's progress: the handler reports as often as it likes; the latest value is stored on the
// job row and published live at most once per interval, and once more when the attempt ends.
import type { Logger } from '../logging.ts';

export interface ProgressSink {
  /** Stores the progress; answers false once the runner no longer holds the job. */
  store(progress: unknown): Promise<boolean>;
  publish(progress: unknown): Promise<unknown>;
}

export class JobProgress {
  private latest: unknown;
  private pending = false;
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly sink: ProgressSink;
  private readonly logger: Logger;
  private readonly intervalMs: number;

  constructor(sink: ProgressSink, logger: Logger, intervalMs = 1000) {
    this.sink = sink;
    this.logger = logger;
    this.intervalMs = intervalMs;
  }

  readonly report = (value: unknown): void => {
    if (this.closed) return;
    this.latest = value;
    this.pending = true;
    if (this.timer) return;
    const wait = Math.max(0, this.last + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
    this.timer.unref();
  };

  /** Writes what is not written yet and stops taking reports. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.closed) this.flush();
    this.closed = true;
    await this.writing;
  }

  private flush(): void {
    if (!this.pending) return;
    this.pending = false;
    this.last = Date.now();
    const value = this.latest;
    this.writing = this.writing.then(async () => {
      try {
        if (await this.sink.store(value)) await this.sink.publish(value);
      } catch (error) {
        this.logger.warn({ err: error }, 'could not record job progress');
      }
    });
  }
}
