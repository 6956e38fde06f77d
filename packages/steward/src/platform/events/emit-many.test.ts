// emitMany on both engines: a batch is the same as emitting each event in turn (delivered in order,
// with the transaction or not at all), in one statement; wrong data writes nothing.
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { describeEachEngine } from '../../server/test-engines.ts';
import { silentLogger } from '../logging.ts';
import { defineEvent } from './definition.ts';
import { createDomainEvents, type DomainEvents } from './domain-events.ts';
import { emit, emitMany } from './emit.ts';
import { databaseEventLog } from './event-log.ts';

const counted = defineEvent('test.counted', z.object({ n: z.number() }));
const running: DomainEvents[] = [];
afterEach(async () => {
  for (const events of running.splice(0)) await events.stop();
});

describeEachEngine('emitMany', ({ db }) => {
  it('delivers a batch in its order, between the events emitted before and after it', async () => {
    const events = createDomainEvents({
      log: databaseEventLog(db()),
      logger: silentLogger(),
      pollMs: 60_000,
    });
    running.push(events);
    const seen: number[] = [];
    events.on(counted, 'counter', (data) => void seen.push(data.n));
    await events.start();
    const kysely = db().kysely<unknown>();
    await kysely.transaction().execute(async (trx) => {
      await emit(trx, counted, { n: 0 });
      await emitMany(trx, counted, [{ n: 1 }, { n: 2 }, { n: 3 }]);
      await emitMany(trx, counted, []);
      await emit(trx, counted, { n: 4 });
    });
    await kysely
      .transaction()
      .execute(async (trx) => {
        await emitMany(trx, counted, [{ n: 98 }, { n: 99 }]);
        throw new Error('rolled back');
      })
      .catch(() => {});
    await kysely.transaction().execute((trx) => emitMany(trx, counted, [{ n: 5 }]));
    await events.caughtUp();
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('writes nothing when one event of the batch does not fit its schema, and names the field', async () => {
    const kysely = db().kysely<unknown>();
    const count = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from steward_event`.execute(kysely)).rows[0]?.n);
    const before = await count();
    const bad = [{ n: 1 }, { n: 'two' }] as unknown as { n: number }[];
    await expect(kysely.transaction().execute((trx) => emitMany(trx, counted, bad))).rejects.toThrow(
      /test.counted event's data.n/,
    );
    expect(await count()).toBe(before);
  });
});
