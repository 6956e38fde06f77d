// The classic outbox gap, on PostgreSQL (it takes two connections): a transaction that emitted first
// (the lower insert id) commits after one that emitted later. A reader whose cursor were the insert id
// would read the later one, move past the earlier id and never see it. Seqs are given at commit
// (migration 0009), so the reader sees both, in the order they committed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../server/test-engines.ts';
import { silentLogger } from '../logging.ts';
import { defineEvent } from './definition.ts';
import { createDomainEvents } from './domain-events.ts';
import { emit } from './emit.ts';
import { databaseEventLog } from './event-log.ts';

const happened = defineEvent('test.happened', z.object({ what: z.string() }));
let test: TestDatabase;

// Fails loudly without STEWARD_TEST_DATABASE_URL: CI always has PostgreSQL.
beforeAll(async () => {
  test = await createTestDatabase('postgres');
}, 60_000);
afterAll(() => test?.drop());

it('delivers an event whose transaction began first but committed last', async () => {
  const events = createDomainEvents({ log: databaseEventLog(test.database), logger: silentLogger() });
  const seen: string[] = [];
  events.on(happened, 'reader', (data) => void seen.push(data.what));
  await events.start();
  const db = test.database.kysely<unknown>();

  let commitSlow!: () => void;
  const slowMayCommit = new Promise<void>((resolve) => (commitSlow = resolve));
  let slowEmitted!: () => void;
  const slowHasEmitted = new Promise<void>((resolve) => (slowEmitted = resolve));
  const slow = db.transaction().execute(async (trx) => {
    await emit(trx, happened, { what: 'began first' });
    slowEmitted();
    await slowMayCommit;
  });
  await slowHasEmitted;
  await db.transaction().execute((trx) => emit(trx, happened, { what: 'began second' }));
  await events.caughtUp();
  expect(seen).toEqual(['began second']);

  commitSlow();
  await slow;
  await events.caughtUp();
  expect(seen).toEqual(['began second', 'began first']);
  await events.stop();
});
