// What the admission webhook saw: one row per reviewed object that had findings (any mode; dry runs
// never), keyed by the AdmissionReview's uid so a retried review is recorded once, read per team.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('guardrails_admission_reports')
    .addColumn('uid', 'text', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('team', 'text')
    .addColumn('namespace', 'text')
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('allowed', 'boolean', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('findings', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('guardrails_admission_reports_team_at')
    .on('guardrails_admission_reports')
    .columns(['team', 'at desc'])
    .execute();
  await db.schema
    .createIndex('guardrails_admission_reports_at')
    .on('guardrails_admission_reports')
    .column('at desc')
    .execute();
}
