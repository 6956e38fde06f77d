import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The last sequence number per live-channel topic: one row lock orders the publishers of a topic.
  await db.schema
    .createTable('steward_realtime_topic')
    .addColumn('topic', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
  // Events too large for a NOTIFY payload, fetched by id by every process; kept for minutes.
  await db.schema
    .createTable('steward_realtime_payload')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('steward_realtime_payload_created_at')
    .on('steward_realtime_payload')
    .column('created_at')
    .execute();
  // Who has a live-channel socket open, per process; a row expires unless its process renews it.
  await db.schema
    .createTable('steward_realtime_presence')
    .addColumn('process_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('steward_realtime_presence_pk', ['process_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('steward_realtime_presence_expires_at')
    .on('steward_realtime_presence')
    .column('expires_at')
    .execute();
}
