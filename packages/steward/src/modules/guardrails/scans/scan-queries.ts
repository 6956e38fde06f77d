// The reads of the uploaded scans, in SQL: findings filtered and paged (most severe first), counted by
// team, service or target, the exemptions with their expiry, and the scans themselves. Filters are
// entity refs and repository names already normalised; `today` (YYYY-MM-DD) judges expiry.
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { type Severity, severities } from '../engine/model.ts';
import type { GuardrailsDb, GuardrailsTables } from '../tables.ts';
import { exemptedOn } from './scan-store.ts';

export interface Filters {
  team?: string | undefined;
  service?: string | undefined;
  target?: string | undefined;
}

type FindingsSelect<O> = SelectQueryBuilder<GuardrailsTables, 'guardrails_findings', O>;

function filtered<O>(query: FindingsSelect<O>, filters: Filters): FindingsSelect<O> {
  let q = query;
  if (filters.team !== undefined) q = q.where('guardrails_findings.team', '=', filters.team);
  if (filters.service !== undefined) q = q.where('guardrails_findings.service', '=', filters.service);
  if (filters.target !== undefined) q = q.where('guardrails_findings.target', '=', filters.target);
  return q;
}

/** 0 for critical … 4 for info: ascending order puts the most severe first. */
const rankOf = sql<number>`(case guardrails_findings.severity ${sql.join(
  [...severities].reverse().map((s, i) => sql`when ${s} then ${i}`),
  sql` `,
)} end)`;

export interface Cursor {
  rank: number;
  target: string;
  seq: number;
}

export async function findingRows(
  db: GuardrailsDb,
  query: Filters & { severity?: Severity | undefined; state: 'open' | 'exempted' | 'all'; limit: number },
  today: string,
  after: Cursor | null,
) {
  let select = filtered(
    db
      .selectFrom('guardrails_findings')
      .innerJoin('guardrails_scans', 'guardrails_scans.target', 'guardrails_findings.target')
      .leftJoin('guardrails_exemptions', (join) =>
        join
          .onRef('guardrails_exemptions.target', '=', 'guardrails_findings.target')
          .onRef('guardrails_exemptions.seq', '=', 'guardrails_findings.exemption'),
      )
      .selectAll('guardrails_findings')
      .select([
        'guardrails_scans.uploaded_at',
        'guardrails_exemptions.written as exemption_written',
        'guardrails_exemptions.reason as exemption_reason',
        'guardrails_exemptions.approver as exemption_approver',
        'guardrails_exemptions.file as exemption_file',
        'guardrails_exemptions.line as exemption_line',
      ])
      .select(rankOf.as('rank'))
      .select(exemptedOn(today).as('exempted_today')),
    query,
  );
  if (query.severity !== undefined)
    select = select.where('guardrails_findings.severity', '=', query.severity);
  if (query.state !== 'all') {
    const exempted = exemptedOn(today);
    select = select.where(query.state === 'exempted' ? exempted : sql<boolean>`not ${exempted}`);
  }
  if (after !== null) {
    select = select.where(
      sql<boolean>`(${rankOf}, guardrails_findings.target, guardrails_findings.seq) > (${after.rank}, ${after.target}, ${after.seq})`,
    );
  }
  const rows = await select
    .orderBy(rankOf)
    .orderBy('guardrails_findings.target')
    .orderBy('guardrails_findings.seq')
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const items = more ? rows.slice(0, query.limit) : rows;
  const last = items.at(-1);
  const next: Cursor | null =
    more && last ? { rank: Number(last.rank), target: last.target, seq: last.seq } : null;
  return { items, next };
}

export async function summaryRows(
  db: GuardrailsDb,
  by: 'team' | 'service' | 'target',
  filters: Filters,
  today: string,
) {
  const exempted = exemptedOn(today);
  const counted = (severity: Severity) =>
    sql<number>`count(*) filter (where guardrails_findings.severity = ${severity} and not ${exempted})`;
  const rows = await filtered(
    db
      .selectFrom('guardrails_findings')
      .select((eb: ExpressionBuilder<GuardrailsTables, 'guardrails_findings'>) => [
        eb.ref(`guardrails_findings.${by}`).as('key'),
        ...severities.map((s) => counted(s).as(s)),
        sql<number>`count(*) filter (where ${exempted})`.as('exempted'),
      ]),
    filters,
  )
    .groupBy(`guardrails_findings.${by}`)
    .execute();
  return rows.map((r) => {
    const row = r as unknown as Record<Severity | 'exempted', number | string> & { key: string | null };
    const count = (s: Severity) => Number(row[s]);
    return {
      key: row.key,
      critical: count('critical'),
      high: count('high'),
      medium: count('medium'),
      low: count('low'),
      info: count('info'),
      open: severities.reduce((sum, s) => sum + count(s), 0),
      exempted: Number(row.exempted),
    };
  });
}

export async function exemptionRows(db: GuardrailsDb, filters: Filters) {
  let query = db
    .selectFrom('guardrails_exemptions')
    .innerJoin('guardrails_scans', 'guardrails_scans.target', 'guardrails_exemptions.target')
    .selectAll('guardrails_exemptions')
    .select('guardrails_scans.uploaded_at');
  if (filters.team !== undefined) query = query.where('guardrails_exemptions.team', '=', filters.team);
  if (filters.service !== undefined)
    query = query.where('guardrails_exemptions.service', '=', filters.service);
  if (filters.target !== undefined) query = query.where('guardrails_exemptions.target', '=', filters.target);
  return query
    .orderBy(sql`guardrails_exemptions.expires is null`)
    .orderBy('guardrails_exemptions.expires')
    .orderBy('guardrails_exemptions.target')
    .orderBy('guardrails_exemptions.seq')
    .execute();
}

export async function scanRows(db: GuardrailsDb) {
  return db.selectFrom('guardrails_scans').selectAll().orderBy('target').execute();
}
