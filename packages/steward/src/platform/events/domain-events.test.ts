// Domain events on both engines: emitted in the change's transaction, delivered to every server's
// subscribers in commit order, shared subscriptions handled once, resyncs when events were missed.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeEachEngine } from '../../server/test-engines.ts';
import type { Database } from '../db/database.ts';
import { silentLogger } from '../logging.ts';
import { defineEvent } from './definition.ts';
import { createDomainEvents, type DomainEvents } from './domain-events.ts';
import { emit } from './emit.ts';
import { databaseEventLog, type EventLog } from './event-log.ts';

const thingMoved = defineEvent('test.thing-moved', z.object({ id: z.string() }));
const otherThing = defineEvent('test.other-thing', z.object({ n: z.number() }));

const running: DomainEvents[] = [];
afterEach(async () => {
  for (const events of running.splice(0)) await events.stop();
});

function server(database: Database, log: EventLog = databaseEventLog(database), pollMs = 60_000) {
  const events = createDomainEvents({ log, logger: silentLogger(), pollMs });
  running.push(events);
  return events;
}

async function emitted(database: Database, ids: string[]): Promise<void> {
  await database
    .kysely<unknown>()
    .transaction()
    .execute(async (trx) => {
      for (const id of ids) await emit(trx, thingMoved, { id });
    });
}

describe('defineEvent', () => {
  it('refuses a name that is not module.what-happened and data that does not fit', () => {
    expect(() => defineEvent('Thing Moved', z.object({}))).toThrow(/module.what-happened/);
    expect(() => thingMoved.parse({ id: 3 })).toThrow(/test.thing-moved event's data.id/);
  });
});

describeEachEngine('domain events', ({ db }) => {
  it('reach every server in commit order; a rolled-back change emits nothing', async () => {
    const seen: string[][] = [[], []];
    for (const i of [0, 1]) {
      const events = server(db());
      events.on(thingMoved, `watcher-${i}`, (data) => void seen[i]?.push(data.id));
      await events.start();
    }
    await emitted(db(), ['a', 'b']);
    await db()
      .kysely<unknown>()
      .transaction()
      .execute(async (trx) => {
        await emit(trx, thingMoved, { id: 'never' });
        throw new Error('rolled back');
      })
      .catch(() => {});
    await emitted(db(), ['c']);
    for (const events of running) await events.caughtUp();
    expect(seen).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ]);
  });

  it('hand an event to one server only for a shared subscription', async () => {
    const handled: string[] = [];
    for (const i of [0, 1, 2]) {
      const events = server(db());
      events.onOnce(thingMoved, 'publisher', (data) => void handled.push(`${i}:${data.id}`));
      await events.start();
    }
    await emitted(db(), ['x', 'y']);
    await emitted(db(), ['z']);
    for (const events of running) await events.caughtUp();
    // caughtUp covers local subscribers; the shared claim follows in the same pass, give it a moment.
    await expect
      .poll(() => handled.map((h) => h.slice(2)).sort(), { timeout: 2000 })
      .toEqual(['x', 'y', 'z']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(handled).toHaveLength(3);
  });

  it('read each new event once, and claim every shared subscription in one go', async () => {
    const log = databaseEventLog(db());
    const calls = { after: 0, claims: 0 };
    // Woken only by caughtUp, so that each pass is one the test asked for.
    const counted: EventLog = {
      ...log,
      watch: async () => async () => {},
      after(seq, limit) {
        calls.after++;
        return log.after(seq, limit);
      },
      claimShared(consumers, to) {
        calls.claims++;
        return log.claimShared(consumers, to);
      },
    };
    const seen: string[] = [];
    const events = server(db(), counted);
    events.on(thingMoved, 'counted-local', (data) => void seen.push(`local:${data.id}`));
    events.onOnce(thingMoved, 'counted-shared', (data) => void seen.push(`shared:${data.id}`));
    events.onOnce(otherThing, 'counted-other', () => {});
    await events.start();
    await emitted(db(), ['warm']);
    await events.caughtUp();
    Object.assign(calls, { after: 0, claims: 0 });
    seen.length = 0;
    await emitted(db(), ['a', 'b', 'c']);
    await events.caughtUp();
    expect(seen).toEqual(['local:a', 'local:b', 'local:c', 'shared:a', 'shared:b', 'shared:c']);
    expect(calls).toEqual({ after: 1, claims: 1 });
  });

  it('hand a shared subscription what it missed while no server ran, from the log', async () => {
    const first = server(db());
    first.onOnce(thingMoved, 'left-behind', () => {});
    await first.start();
    await first.stop();
    await emitted(db(), ['while-down-1', 'while-down-2']);
    const handled: string[] = [];
    const second = server(db());
    second.onOnce(thingMoved, 'left-behind', (data) => void handled.push(data.id));
    await second.start();
    await second.caughtUp();
    await expect.poll(() => handled, { timeout: 2000 }).toEqual(['while-down-1', 'while-down-2']);
  });

  it('start at the current end: a new server does not replay the past', async () => {
    await emitted(db(), ['old']);
    const seen: string[] = [];
    const events = server(db());
    events.on(thingMoved, 'late', (data) => void seen.push(data.id));
    await events.start();
    await emitted(db(), ['new']);
    await events.caughtUp();
    expect(seen).toEqual(['new']);
  });

  it('resync a subscriber whose handler failed, and keep delivering after it', async () => {
    const seen: string[] = [];
    let resyncs = 0;
    const events = server(db());
    events.on(thingMoved, 'fragile', (data) => {
      if (data.id === 'bad') throw new Error('cannot handle this one');
      seen.push(data.id);
    });
    events.on(otherThing, 'fragile', () => {});
    events.onResync('fragile', () => void resyncs++);
    await events.start();
    await emitted(db(), ['ok', 'bad', 'fine']);
    await events.caughtUp();
    expect(seen).toEqual(['ok', 'fine']);
    expect(resyncs).toBe(1);
  });

  it('resync when the events a server needed were pruned before it read them', async () => {
    const log = databaseEventLog(db());
    // A listener that never wakes the reader: it reads only when polled, after the prune.
    const deaf: EventLog = { ...log, watch: async () => async () => {} };
    const seen: string[] = [];
    let resyncs = 0;
    const events = server(db(), deaf);
    events.on(thingMoved, 'slow', (data) => void seen.push(data.id));
    events.onResync('slow', () => void resyncs++);
    await events.start();
    // Everything before is pruned as well: the events of this suite's earlier tests are of no use now.
    await emitted(db(), ['gone-1', 'gone-2']);
    await sql`update steward_event set created_at = now() - interval '2 hours'`.execute(db().kysely());
    expect(await log.prune(60 * 60 * 1000)).toBeGreaterThanOrEqual(2);
    await emitted(db(), ['kept']);
    await events.caughtUp();
    expect(resyncs).toBe(1);
    expect(seen).toEqual(['kept']);
  });

  it('deliver through the poll when wake-ups are lost', async () => {
    const log = databaseEventLog(db());
    const deaf: EventLog = { ...log, watch: async () => async () => {} };
    const seen: string[] = [];
    const events = server(db(), deaf, 50);
    events.on(thingMoved, 'polling', (data) => void seen.push(data.id));
    await events.start();
    await emitted(db(), ['polled']);
    await expect.poll(() => seen, { timeout: 2000 }).toEqual(['polled']);
  });

  it('refuse data over the size limit: events carry refs, not whole entities', async () => {
    const big = defineEvent('test.big', z.object({ text: z.string() }));
    await expect(
      db()
        .kysely<unknown>()
        .transaction()
        .execute((trx) => emit(trx, big, { text: 'x'.repeat(600 * 1024) })),
    ).rejects.toThrow(/carry refs and ids/);
  });
});
