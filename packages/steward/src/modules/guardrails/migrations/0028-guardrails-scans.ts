// Scans uploaded to the server (`steward scan --upload`): the latest scan of each target (a repository),
// its findings with the team and service owning each, and the exemptions it used. An upload replaces
// the target's previous scan in one transaction, so a reader sees the old scan or the new one whole.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('guardrails_scans')
    .addColumn('target', 'text', (c) => c.primaryKey())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addColumn('exempted', 'integer', (c) => c.notNull())
    .addColumn('problems', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('guardrails_exemptions')
    .addColumn('target', 'text', (c) => c.notNull().references('guardrails_scans.target').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('written', 'text', (c) => c.notNull())
    // Null only for an expired exemption named by a report that did not say its syntax.
    .addColumn('syntax', 'text')
    .addColumn('reason', 'text')
    .addColumn('approver', 'text')
    // YYYY-MM-DD, the last day it holds; null: no expiry.
    .addColumn('expires', 'text')
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('resource', 'text')
    .addColumn('team', 'text')
    .addColumn('service', 'text')
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('guardrails_exemptions_pk', ['target', 'seq'])
    .execute();

  await db.schema
    .createTable('guardrails_findings')
    .addColumn('target', 'text', (c) => c.notNull().references('guardrails_scans.target').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('column', 'integer', (c) => c.notNull())
    .addColumn('resource', 'text')
    .addColumn('container', 'text')
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('aliases', 'jsonb', (c) => c.notNull())
    // Entity refs: the owning Group, and the entity (a Component …) the resource belongs to.
    .addColumn('team', 'text')
    .addColumn('service', 'text')
    // The exemption covering it (its seq in guardrails_exemptions) and that exemption's expiry, so
    // "open today" is one comparison: not exempted, or exempted until a day now past.
    .addColumn('exemption', 'integer')
    .addColumn('exemption_expires', 'text')
    .addPrimaryKeyConstraint('guardrails_findings_pk', ['target', 'seq'])
    .execute();
  await db.schema.createIndex('guardrails_findings_team').on('guardrails_findings').column('team').execute();
  await db.schema
    .createIndex('guardrails_findings_service')
    .on('guardrails_findings')
    .column('service')
    .execute();
}
