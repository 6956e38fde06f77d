// The scans uploaded, in SQL: a target's scan replaced whole in one transaction (its findings and
// exemptions deleted with it, then written again), and the reads of what is open today.
import { sql } from 'kysely';
import type { Severity } from '../engine/model.ts';
import type { GuardrailsDb, ScanExemptionsTable, ScanFindingsTable } from '../tables.ts';

export interface StoredScan {
  target: string;
  uploadedBy: string;
  findings: Omit<ScanFindingsTable, 'target' | 'seq'>[];
  exemptions: Omit<ScanExemptionsTable, 'target' | 'seq'>[];
  problems: number;
}

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const chunk = 1000;

export async function replaceScan(db: GuardrailsDb, scan: StoredScan): Promise<Date> {
  return db.transaction().execute(async (trx) => {
    const counts = {
      uploaded_by: scan.uploadedBy,
      findings: scan.findings.filter((f) => f.exemption === null).length,
      exempted: scan.findings.filter((f) => f.exemption !== null).length,
      problems: scan.problems,
    };
    // Writing the target's row first locks it: two uploads of one target take turns, the later wins.
    const { uploaded_at } = await trx
      .insertInto('guardrails_scans')
      .values({ target: scan.target, ...counts })
      .onConflict((c) => c.column('target').doUpdateSet({ ...counts, uploaded_at: sql`now()` }))
      .returning('uploaded_at')
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('guardrails_findings').where('target', '=', scan.target).execute();
    await trx.deleteFrom('guardrails_exemptions').where('target', '=', scan.target).execute();
    const exemptions = scan.exemptions.map((e, seq) => ({
      ...e,
      target: scan.target,
      seq,
      rules: json(e.rules),
    }));
    for (let i = 0; i < exemptions.length; i += chunk) {
      await trx
        .insertInto('guardrails_exemptions')
        .values(exemptions.slice(i, i + chunk))
        .execute();
    }
    const findings = scan.findings.map((f, seq) => ({
      ...f,
      target: scan.target,
      seq,
      aliases: json(f.aliases),
    }));
    for (let i = 0; i < findings.length; i += chunk) {
      await trx
        .insertInto('guardrails_findings')
        .values(findings.slice(i, i + chunk))
        .execute();
    }
    return new Date(uploaded_at);
  });
}

export interface OpenFindingRow {
  target: string;
  ruleId: string;
  severity: Severity;
  team: string | null;
  service: string | null;
  exempted: boolean;
}

/**
 * Every finding of every target's latest scan, `exempted` when an exemption covers it on `today`
 * (YYYY-MM-DD): one whose exemption has expired since the upload is open again.
 */
export async function allFindings(db: GuardrailsDb, today: string): Promise<OpenFindingRow[]> {
  const rows = await db
    .selectFrom('guardrails_findings')
    .select(['target', 'rule_id', 'severity', 'team', 'service'])
    .select(exemptedOn(today).as('exempted'))
    .orderBy('target')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    target: r.target,
    ruleId: r.rule_id,
    severity: r.severity,
    team: r.team,
    service: r.service,
    exempted: Boolean(r.exempted),
  }));
}

/** Whether a finding row is covered by an exemption still holding on `today`. */
export function exemptedOn(today: string) {
  return sql<boolean>`(exemption is not null and (exemption_expires is null or exemption_expires >= ${today}))`;
}

/** jsonb values go in as text: the driver would make a JavaScript array a PostgreSQL array. */
// biome-ignore lint/suspicious/noExplicitAny: a jsonb column takes JSON text whatever its read type.
const json = (value: unknown): any => sql`${JSON.stringify(value)}::jsonb`;
