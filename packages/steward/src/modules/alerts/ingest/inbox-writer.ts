// Accepted requests written together: while one statement is writing, the requests that arrive meanwhile
// wait for it and then go in one statement, one commit, as PostgreSQL commits concurrent transactions
// together. A lone sender's request is written at once; several senders' share the cost of a write
// (on the embedded database, every statement runs on the server's one thread). Each request is
// answered only once its own row is committed.
import type { Kysely } from 'kysely';
import type { AlertTables } from '../tables.ts';
import { type AcceptedRequest, encodeRequest, type InboxWrite, insertInboxRows } from './inbox-store.ts';

interface Waiting extends InboxWrite {
  written(live: boolean): void;
  failed(error: unknown): void;
}

/** Requests in one statement, at most: a statement's bytes stay within a few megabytes. */
const maxPerStatement = 32;

export class InboxWriter {
  private readonly db: Kysely<AlertTables>;
  private readonly deflate: boolean;
  private waiting: Waiting[] = [];
  private writing = false;

  /** `deflate`: rows are deflated before they are written (the embedded database; see encodeRequest). */
  constructor(db: Kysely<AlertTables>, options: { deflate: boolean }) {
    this.db = db;
    this.deflate = options.deflate;
  }

  /** True once the row is committed; false, writing nothing, when the integration was deleted meanwhile. */
  write(integrationId: string, request: AcceptedRequest): Promise<boolean> {
    const bytes = encodeRequest(request, this.deflate);
    return new Promise((written, failed) => {
      this.waiting.push({ integrationId, bytes, written, failed });
      if (!this.writing) void this.writeAll();
    });
  }

  private async writeAll(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, maxPerStatement);
        try {
          const live = await insertInboxRows(this.db, batch);
          for (const one of batch) one.written(live.has(one.integrationId));
        } catch (error) {
          for (const one of batch) one.failed(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
