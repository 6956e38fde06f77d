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
  /** Requests arriving less than this apart are a burst: applying waits for a pause... */
  quietMs: number;
  /**
   * ...unless what waits is older than this: then applying takes its share of the time... (A storm
   * is taken in first; a single alert is applied `quietMs` after it arrives.)
   */
  maxLagMs: number;
  /** ...this share, so that it always progresses, and taking requests in keeps the rest. */
  shareInBurst: number;
  /** How often every server looks for requests nobody is applying. */
  pollMs: number;
}

export const defaultDrainOptions: DrainOptions = {
  rowsPerPass: 4,
  quietMs: 50,
  maxLagMs: 5000,
  shareInBurst: 0.25,
  pollMs: 2000,
};

type Pass = 'applied' | 'empty' | 'busy';

export class InboxDrain {
  private lastActivity = 0;
  private waiting = 0;
  private waitingSince = 0;
  private draining = false;
  private again = false;
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
    await this.running.catch(() => undefined);
  }

  /**
   * Alerts this server accepted and has not seen applied yet: past a bound, senders are told to come
   * back later, rather than the inbox growing without end while a storm outruns applying.
   */
  get backlog(): number {
    return this.waiting;
  }

  /** A request is arriving: applying holds back while requests come in quick succession. */
  arriving(): void {
    this.lastActivity = Date.now();
  }

  /** A request was just accepted here: apply it soon, yielding to the burst it may belong to. */
  accepted(alerts: number): void {
    const now = Date.now();
    if (this.waiting === 0) this.waitingSince = now;
    this.waiting += alerts;
    this.lastActivity = now;
    if (this.draining) this.again = true;
    else if (!this.stopped) this.drainAll().catch(() => undefined);
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

  /**
   * Passes until the inbox is empty or another server has it. While requests keep arriving (on the
   * embedded database, with its one connection, every pass holds them up) applying waits for a
   * pause, or, once what waits is `maxLagMs` old, takes `shareInBurst` of the time.
   */
  private async drainAll(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      while (!this.stopped) {
        let now = Date.now();
        const inBurst = now - this.lastActivity < this.options.quietMs;
        const lag = this.waiting > 0 ? now - this.waitingSince : 0;
        if (inBurst && lag < this.options.maxLagMs) {
          await sleep(Math.min(this.options.quietMs, this.options.maxLagMs - lag));
          continue;
        }
        const pass = await this.pass();
        if (pass === 'empty') this.waiting = 0;
        if (pass !== 'applied') return;
        const took = Date.now() - now;
        now = Date.now();
        if (now - this.lastActivity < this.options.quietMs) {
          const share = this.options.shareInBurst;
          await sleep((took * (1 - share)) / share);
        }
      }
    } finally {
      this.draining = false;
      // Accepted while this found the inbox empty: look again.
      if (this.again && !this.stopped) {
        this.again = false;
        setTimeout(() => this.drainAll().catch(() => undefined), this.options.quietMs);
      }
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
    let count = 0;
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
        count = applied.length;
        failing = undefined;
        await deleteInboxRows(
          trx,
          waiting.map((row) => row.seq),
        );
        return applied;
      });
      if (typeof outcomes === 'string') return outcomes;
      this.waiting = Math.max(0, this.waiting - count);
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
