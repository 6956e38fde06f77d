// What the API and portal read of the uploaded scans: filters named as people write them (payments,
// checkout, a clone URL) turned into refs and repository names, pages of findings with an opaque
// cursor, counts by team, service or target, and exemptions with how long they have left.
import { invalid } from '../../../platform/errors.ts';
import { parseEntityRef, stringifyEntityRef } from '../../catalog/index.ts';
import { repositoryIdentity } from '../../ownership/index.ts';
import type {
  ExemptionsQuery,
  FindingSummary,
  FindingSummaryQuery,
  FindingsQuery,
  ScanExemptionView,
  ScanFindingView,
  ScanView,
} from '../schemas.ts';
import type { GuardrailsDb } from '../tables.ts';
import {
  type Cursor,
  exemptionRows,
  type Filters,
  findingRows,
  scanRows,
  summaryRows,
} from './scan-queries.ts';

const day = 24 * 60 * 60 * 1000;

/** `checkout` → component:default/checkout; `payments` → group:default/payments; refs as they are. */
function refOf(text: string, defaultKind: string, field: string): string {
  const parsed = parseEntityRef(text.trim(), { defaultKind, defaultNamespace: 'default' });
  if (!parsed.ok) throw invalid(`${field}: ${parsed.message}`, [{ field, message: parsed.message }]);
  return stringifyEntityRef(parsed.ref);
}

function filtersOf(query: {
  team?: string | undefined;
  service?: string | undefined;
  target?: string | undefined;
}): Filters {
  return {
    team: query.team === undefined ? undefined : refOf(query.team, 'group', 'querystring.team'),
    service:
      query.service === undefined ? undefined : refOf(query.service, 'component', 'querystring.service'),
    target: query.target === undefined ? undefined : repositoryIdentity(query.target),
  };
}

function decodeCursor(text: string | undefined): Cursor | null {
  if (text === undefined) return null;
  try {
    const [rank, target, seq] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof rank === 'number' && typeof target === 'string' && typeof seq === 'number')
      return { rank, target, seq };
  } catch {
    // reported below
  }
  const message = 'must be the `next` of a previous page';
  throw invalid(`querystring.cursor ${message}`, [{ field: 'querystring.cursor', message }]);
}

const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify([c.rank, c.target, c.seq])).toString('base64url');

export async function listFindings(
  db: GuardrailsDb,
  query: FindingsQuery,
  today: string,
): Promise<{ items: ScanFindingView[]; next: string | null }> {
  const page = await findingRows(db, { ...query, ...filtersOf(query) }, today, decodeCursor(query.cursor));
  return {
    items: page.items.map((r) => ({
      target: r.target,
      ruleId: r.rule_id,
      severity: r.severity,
      message: r.message,
      file: r.file,
      line: r.line,
      column: r.column,
      resource: r.resource,
      container: r.container,
      aliases: r.aliases,
      fingerprint: r.fingerprint,
      team: r.team,
      service: r.service,
      exempted: Boolean(r.exempted_today),
      exemption:
        r.exemption === null || r.exemption_file === null
          ? null
          : {
              written: r.exemption_written ?? '',
              reason: r.exemption_reason ?? null,
              approver: r.exemption_approver ?? null,
              expires: r.exemption_expires,
              file: r.exemption_file,
              line: r.exemption_line ?? 0,
            },
      uploadedAt: new Date(r.uploaded_at).toISOString(),
    })),
    next: page.next ? encodeCursor(page.next) : null,
  };
}

export async function summariseFindings(
  db: GuardrailsDb,
  query: FindingSummaryQuery,
  today: string,
): Promise<FindingSummary> {
  const items = await summaryRows(db, query.by, filtersOf(query), today);
  // The most severe first: by critical, then high … then by name, nothing-claims last.
  items.sort(
    (a, b) =>
      b.critical - a.critical ||
      b.high - a.high ||
      b.medium - a.medium ||
      b.low - a.low ||
      b.info - a.info ||
      (a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return { items };
}

export async function listExemptions(
  db: GuardrailsDb,
  query: ExemptionsQuery,
  today: string,
): Promise<ScanExemptionView[]> {
  const rows = await exemptionRows(db, filtersOf(query));
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const views = rows.map((r) => {
    const daysLeft =
      r.expires === null ? null : Math.round((Date.parse(`${r.expires}T00:00:00Z`) - todayMs) / day);
    return {
      target: r.target,
      rules: r.rules,
      written: r.written,
      syntax: r.syntax as ScanExemptionView['syntax'],
      reason: r.reason,
      approver: r.approver,
      expires: r.expires,
      expired: daysLeft !== null && daysLeft < 0,
      daysLeft,
      file: r.file,
      line: r.line,
      resource: r.resource,
      team: r.team,
      service: r.service,
      findings: r.findings,
      uploadedAt: new Date(r.uploaded_at).toISOString(),
    };
  });
  if (query.state === 'all') return views;
  return views.filter((v) => v.expired === (query.state === 'expired'));
}

export async function listScans(db: GuardrailsDb): Promise<ScanView[]> {
  return (await scanRows(db)).map((r) => ({
    target: r.target,
    uploadedAt: new Date(r.uploaded_at).toISOString(),
    uploadedBy: r.uploaded_by,
    findings: r.findings,
    exempted: r.exempted,
    problems: r.problems,
  }));
}
