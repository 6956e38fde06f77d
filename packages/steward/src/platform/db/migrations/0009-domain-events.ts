// Domain events: written in the transaction of the change they describe, numbered at commit.
//
// A bigserial id alone cannot be a reader's cursor: a transaction that took id 10 may commit after
// one that took id 11, and a reader that has seen 11 would skip 10 for ever. So `seq` is assigned
// by a deferred trigger as the transaction commits, under the one head row's lock: seqs are gapless
// and in commit order, and emitters wait on each other only while committing, not while working.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('steward_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('steward_event_created_at').on('steward_event').column('created_at').execute();
  // The last seq handed out; its row lock orders committing emitters.
  await db.schema
    .createTable('steward_event_head')
    .addColumn('one', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`one`))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into steward_event_head (one, seq) values (true, 0)`.execute(db);
  // Subscriptions shared by every server (one of them handles each event): how far they have got.
  await db.schema
    .createTable('steward_event_consumer')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
  await sql`
    create function steward_event_number() returns trigger language plpgsql as $$
    declare next bigint;
    begin
      update steward_event_head set seq = seq + 1 returning seq into next;
      update steward_event set seq = next where id = new.id;
      perform pg_notify('steward_events', next::text);
      return null;
    end $$`.execute(db);
  await sql`
    create constraint trigger steward_event_number after insert on steward_event
    deferrable initially deferred for each row execute function steward_event_number()`.execute(db);
}
