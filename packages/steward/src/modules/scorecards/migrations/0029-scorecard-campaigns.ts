// Scorecard campaigns: a push to get a scorecard's entities to a level or past some rules by a
// deadline, with a message to the teams. Progress is never stored: it is judged from current facts.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scorecard_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // The scorecard's name as the API gives it (a Scorecard entity's, or the built-in one's).
    .addColumn('scorecard', 'text', (c) => c.notNull())
    // The goal: reach this level, and/or pass every rule listed.
    .addColumn('level', 'text')
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    // Group refs the campaign is for; empty: every team.
    .addColumn('teams', 'jsonb', (c) => c.notNull())
    // A calendar date (YYYY-MM-DD): overdue once it has passed.
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema
    .createIndex('scorecard_campaigns_scorecard')
    .on('scorecard_campaigns')
    .column('scorecard')
    .execute();
}
