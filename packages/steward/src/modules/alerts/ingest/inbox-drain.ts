// Applying the inbox: accepted requests become alerts, in arrival order, by one server at a time (an
// advisory lock), a few requests per transaction, each request's rows deleted in the transaction that
// applies it. A server applies what it accepted soon after answering (letting a burst of requests in
// first), every server looks for what others left (a server killed after answering) on a timer, and a
// reader of alerts waits until what arrived before its read is applied: the API never lists less than
// it said it accepted.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { isDatabaseUnreachable } from '../../../platform/db/connection-errors.ts';
import type { AlertTables } from '../tables.ts';
import {
  deleteInboxRows,
  type InboxRow,
  newestWaiting,
  readInbox,
  setAside,
  takeInbox,
} from './inbox-store.ts';
import { type ApplyContext, applyAlerts, type IngestOutcome, publishChanges } from './ingest-service.ts';

export interface DrainContext extends ApplyContext {
  db: Kysely<AlertTables>;
  publish(topic: string, type: string, data: unknown): Promise<number>;
  log: Pick<Logger, 'error' | 'warn'>;
}

export interface DrainOptions {
  /** Requests applied in one transaction. */
  rowsPerPass: number;
  /** After an accept, wait until no request has arrived for this long... */
  quietMs: number;
  /** ...but never longer than this after the first one waiting. */
  maxLagMs: number;
  /** How often every server looks for requests nobody is applying. */
  pollMs: number;
}

export const defaultDrainOptions: DrainOptions = {
  rowsPerPass: 20,
  quietMs: 15,
  maxLagMs: 250,
  pollMs: 2000,
};

type Pass = 'applied' | 'empty' | 'busy';

export class InboxDrain {
  private lastAccept = 0;
  private firstWaiting = 0;
  private timer: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;
  /** One pass at a time in this process; other servers are kept out by the lock. */
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private readonly options: DrainOptions;
  private readonly ctx: DrainContext;

  constructor(ctx: DrainContext, options: Partial<DrainOptions> = {}) {
    this.ctx = ctx;
    this.options = { ...defaultDrainOptions, ...options };
  }

  start(): void {
    this.poller = setInterval(() => this.drainAll().catch(() => undefined), this.options.pollMs);
    this.poller.unref();
    this.drainAll().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poller);
    clearTimeout(this.timer);
    await this.running.catch(() => undefined);
  }

  /** A request was just accepted here: apply it once the burst it may belong to pauses. */
  accepted(): void {
    const now = Date.now();
    this.lastAccept = now;
    if (this.firstWaiting === 0) this.firstWaiting = now;
    this.schedule();
  }

  /** Until every request accepted before this call (on any server) is applied, within `limitMs`. */
  async caughtUp(limitMs = 10_000): Promise<void> {
    const upTo = await newestWaiting(this.ctx.db);
    if (upTo === null) return;
    const until = Date.now() + limitMs;
    while (!this.stopped && Date.now() < until) {
      const pass = await this.pass(upTo);
      if (pass === 'empty') return;
      if (pass === 'busy') await new Promise((r) => setTimeout(r, 10));
    }
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    const now = Date.now();
    const quietAt = this.lastAccept + this.options.quietMs;
    const due = Math.min(quietAt, this.firstWaiting + this.options.maxLagMs);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        const later = Date.now();
        // Requests still arriving and none waiting too long: let them in first.
        if (
          later < this.lastAccept + this.options.quietMs &&
          later < this.firstWaiting + this.options.maxLagMs
        )
          return this.schedule();
        this.firstWaiting = 0;
        this.drainAll().catch(() => undefined);
      },
      Math.max(0, due - now),
    );
  }

  /** Passes until the inbox is empty, another server has it, or requests arrive again. */
  private async drainAll(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const pass = await this.pass();
      if (pass !== 'applied') return;
      if (this.firstWaiting !== 0) return this.schedule();
    }
  }

  private pass(upTo?: string): Promise<Pass> {
    const run = this.running.then(() => this.applyPass(upTo));
    this.running = run.catch(() => undefined);
    return run;
  }

  private async applyPass(upTo?: string): Promise<Pass> {
    try {
      const result = await this.applyRows(this.options.rowsPerPass, upTo);
      if (result !== 'failed') return result;
      // Something in these requests cannot be applied: one by one, so only that request waits.
      for (;;) {
        const one = await this.applyRows(1, upTo);
        if (one !== 'failed') return one;
      }
    } catch (error) {
      if (!isDatabaseUnreachable(error))
        this.ctx.log.error({ err: error }, 'applying accepted alerts failed');
      throw error;
    }
  }

  /** One transaction: 'failed' when a request in it could not be applied (set aside when alone). */
  private async applyRows(rows: number, upTo?: string): Promise<Pass | 'failed'> {
    let failing: InboxRow | undefined;
    try {
      const outcomes = await this.ctx.db.transaction().execute(async (trx) => {
        if (!(await takeInbox(trx))) return 'busy' as const;
        const waiting = await readInbox(trx, rows, upTo);
        if (waiting.length === 0) return 'empty' as const;
        const applied: IngestOutcome[] = [];
        for (const row of waiting) {
          failing = row;
          applied.push(...(await applyAlerts(trx, this.ctx, row.integration, row.items)));
        }
        failing = undefined;
        await deleteInboxRows(
          trx,
          waiting.map((row) => row.seq),
        );
        return applied;
      });
      if (typeof outcomes === 'string') return outcomes;
      publishChanges(this.ctx.publish, outcomes);
      return 'applied';
    } catch (error) {
      if (isDatabaseUnreachable(error) || !failing) throw error;
      if (rows > 1) return 'failed';
      this.ctx.log.error(
        { err: error, seq: failing.seq, integration: failing.integration.name },
        'an accepted alert request could not be applied: it is kept in alert_inbox with the error',
      );
      await setAside(this.ctx.db, failing.seq, (error as Error).message);
      return 'applied';
    }
  }
}
