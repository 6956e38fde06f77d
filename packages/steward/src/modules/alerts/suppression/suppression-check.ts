// What the alerts module asks of every alert before notifying anyone: is it silenced, or is its
// service in maintenance, at `at`? One indexed query finds what is active (silences by ends_at, the
// service's windows by (service, ends_at)); the matchers are matched here, in memory.
import { sql } from 'kysely';
import { type CompiledMatcher, compileMatcher, type Matcher, matcherText, matchesAll } from './matchers.ts';
import { bindSilenceToAlert } from './silence-store.ts';
import { type AnyDb, suppressionDb } from './tables.ts';

export interface SuppressionQuery {
  labels: Readonly<Record<string, string>>;
  /** The alert's service as a full ref (component:default/checkout), or null when nothing owns it. */
  service: string | null;
  at: Date;
  /** The alert's id: an `untilResolved: true` silence that silences it binds to it (first one wins). */
  alertId?: string | undefined;
}

export interface Suppression {
  kind: 'silence' | 'maintenance';
  id: string;
  reason: string;
  /** When it stops holding alerts (ISO), or null: a silence that lasts until its alert resolves. */
  endsAt: string | null;
}

interface ActiveRow {
  kind: 'silence' | 'maintenance';
  id: string;
  matchers: Matcher[] | string | null;
  text: string;
  until_resolved: boolean;
  until_resolved_alert: string | null;
  ends_at: Date | string | null;
}

// A silence's matchers never change once it is created: compile each silence's once per process.
const compiledLimit = 10_000;
const compiledById = new Map<string, CompiledMatcher[] | null>();

function compiledOf(id: string, stored: Matcher[]): CompiledMatcher[] | null {
  let compiled = compiledById.get(id);
  if (compiled === undefined) {
    const each = stored.map((m) => compileMatcher(m, 'matcher'));
    // One that no longer compiles (RE2 changed under it) silences nothing rather than everything.
    compiled = each.every((m) => 'matches' in m) ? (each as CompiledMatcher[]) : null;
    if (compiledById.size >= compiledLimit) compiledById.clear();
    compiledById.set(id, compiled);
  }
  return compiled;
}

/** The silence or maintenance window that quiets this alert at `at`, or null. Silences first. */
export async function suppressionFor(database: AnyDb, query: SuppressionQuery): Promise<Suppression | null> {
  const [answer] = await suppressionsFor(database, query.at, [query]);
  return answer ?? null;
}

/**
 * The same answer for many alerts at one time (the alerts one request opened), read in one query: the
 * silences active then, and the windows of any of their services.
 */
export async function suppressionsFor(
  database: AnyDb,
  at: Date,
  queries: readonly Omit<SuppressionQuery, 'at'>[],
): Promise<(Suppression | null)[]> {
  if (queries.length === 0) return [];
  const db = suppressionDb(database);
  const services = [...new Set(queries.flatMap((q) => (q.service ? [q.service.toLowerCase()] : [])))];
  const { rows } = await sql<ActiveRow & { service: string | null }>`
    select 'silence' as kind, id, matchers, comment as text, until_resolved, until_resolved_alert,
           null as service, starts_at, ends_at
      from alert_silences
     where starts_at <= ${at} and (ends_at > ${at} or ends_at is null)
    union all
    select 'maintenance' as kind, id, null, reason, false, null, service, starts_at, ends_at
      from maintenance_windows
     where service = any(${services}::text[]) and starts_at <= ${at} and ends_at > ${at}
    order by kind desc, starts_at, id`.execute(db);
  const answers: (Suppression | null)[] = [];
  for (const query of queries) {
    const service = query.service?.toLowerCase() ?? null;
    answers.push(await firstQuieting(db, rows, query, service));
  }
  return answers;
}

async function firstQuieting(
  db: ReturnType<typeof suppressionDb>,
  rows: (ActiveRow & { service: string | null })[],
  query: Omit<SuppressionQuery, 'at'>,
  service: string | null,
): Promise<Suppression | null> {
  for (const row of rows) {
    if (row.kind === 'maintenance') {
      if (row.service !== service) continue;
      return {
        kind: 'maintenance',
        id: row.id,
        reason: `maintenance of ${service}: ${row.text}`,
        endsAt: isoOrNull(row.ends_at),
      };
    }
    const matchers =
      typeof row.matchers === 'string' ? (JSON.parse(row.matchers) as Matcher[]) : (row.matchers ?? []);
    const compiled = compiledOf(row.id, matchers);
    if (compiled === null || !matchesAll(compiled, query.labels)) continue;
    if (row.until_resolved && row.until_resolved_alert === null && query.alertId !== undefined) {
      await bindSilenceToAlert(db, row.id, query.alertId);
      // Bound now: the next alert of the same batch finds it taken, as it would one by one.
      row.until_resolved_alert = query.alertId;
    }
    return {
      kind: 'silence',
      id: row.id,
      reason: `silenced by ${matchers.map(matcherText).join(', ')}: ${row.text}`,
      endsAt: isoOrNull(row.ends_at),
    };
  }
  return null;
}

// PGlite answers timestamps of a raw query as Date, node-postgres too, but be sure of the text.
const isoOrNull = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
