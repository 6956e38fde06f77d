// Scans kept on the server: an uploaded `steward scan --format json` report becomes the target's
// latest scan, each finding attributed to its team and service by the server's catalog, each exempted
// finding tied to the exemption covering it (with its expiry, so it opens again once that passes).
import { type OwnershipService, repositoryIdentity } from '../../ownership/index.ts';
import type {
  ExemptionsQuery,
  FindingSummary,
  FindingSummaryQuery,
  FindingsQuery,
  ScanExemptionView,
  ScanFindingView,
  ScanUpload,
  ScanUploadAnswer,
  ScanView,
} from '../schemas.ts';
import type { GuardrailsDb, ScanExemptionsTable, ScanFindingsTable } from '../tables.ts';
import { type Attribution, attributor } from './attribute.ts';
import { listExemptions, listFindings, listScans, summariseFindings } from './scan-reads.ts';
import { allFindings, type OpenFindingRow, replaceScan } from './scan-store.ts';

export interface ScanServiceNeeds {
  db: GuardrailsDb;
  ownership: Pick<OwnershipService, 'index'>;
  /** Today as YYYY-MM-DD (UTC): the day exemptions' expiry is judged against. */
  today?: () => string;
}

export interface ScanService {
  upload(target: string, report: ScanUpload, uploadedBy: string): Promise<ScanUploadAnswer>;
  /** Every finding of every target's latest scan, `exempted` when an exemption still covers it today. */
  findings(): Promise<OpenFindingRow[]>;
  /** A page of findings, the most severe first. */
  listFindings(query: FindingsQuery): Promise<{ items: ScanFindingView[]; next: string | null }>;
  /** Open and exempted findings counted by team, service or target. */
  summarise(query: FindingSummaryQuery): Promise<FindingSummary>;
  /** Every exemption the latest scans used or found expired, the soonest to expire first. */
  exemptions(query: ExemptionsQuery): Promise<ScanExemptionView[]>;
  scans(): Promise<ScanView[]>;
}

type Exemption = Omit<ScanExemptionsTable, 'target' | 'seq'>;
type FindingRow = Omit<ScanFindingsTable, 'target' | 'seq'>;
type UploadedFinding = ScanUpload['findings'][number];

export const utcToday = (): string => new Date().toISOString().slice(0, 10);

export function createScanService(needs: ScanServiceNeeds): ScanService {
  const today = needs.today ?? utcToday;
  return {
    async upload(asked, report, uploadedBy) {
      // `https://github.com/Acme/Shop.git` and `github.com/acme/shop` are one target.
      const target = repositoryIdentity(asked);
      const attribute = attributor(await needs.ownership.index(), target);
      const stored = storedScan(report, attribute);
      const at = await replaceScan(needs.db, {
        target,
        uploadedBy,
        ...stored,
        problems: report.problems.length,
      });
      const exempted = stored.findings.filter((f) => f.exemption !== null).length;
      return {
        target,
        uploadedAt: at.toISOString(),
        uploadedBy,
        findings: stored.findings.length - exempted,
        exempted,
        exemptions: stored.exemptions.length,
        problems: report.problems.length,
      };
    },
    findings: () => allFindings(needs.db, today()),
    listFindings: (query) => listFindings(needs.db, query, today()),
    summarise: (query) => summariseFindings(needs.db, query, today()),
    exemptions: (query) => listExemptions(needs.db, query, today()),
    scans: () => listScans(needs.db),
  };
}

function storedScan(
  report: ScanUpload,
  attribute: (f: { resource: string | null; file: string; owner: string | null }) => Attribution,
): { findings: FindingRow[]; exemptions: Exemption[] } {
  const exemptions: Exemption[] = [];
  const attributed: (Attribution | null)[] = [];
  const byFingerprint = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const use of report.exemptions) {
    const seq = exemptions.length;
    exemptions.push({
      rules: use.rules,
      written: use.written,
      syntax: use.syntax,
      reason: use.reason,
      approver: use.approver,
      expires: use.expires,
      file: use.file,
      line: use.line,
      resource: use.resource,
      team: null,
      service: null,
      findings: use.findings.length,
    });
    attributed.push(null);
    for (const fp of use.findings) byFingerprint.set(fp, seq);
    byPlace.set(`${use.file}:${use.line}`, seq);
  }
  const row = (f: UploadedFinding, exemption: number | null): FindingRow => {
    const { team, service } = attribute(f);
    if (exemption !== null) attributed[exemption] ??= { team, service };
    return {
      rule_id: f.ruleId,
      severity: f.severity,
      message: f.message,
      file: f.file,
      line: f.line,
      column: f.column,
      resource: f.resource,
      container: f.container ?? null,
      fingerprint: f.fingerprint,
      aliases: f.aliases,
      team,
      service,
      exemption,
      exemption_expires: exemption === null ? null : (exemptions[exemption]?.expires ?? null),
    };
  };
  const findings: FindingRow[] = [];
  for (const f of report.exempted) {
    const seq =
      byFingerprint.get(f.fingerprint) ??
      (f.exemptedBy ? byPlace.get(`${f.exemptedBy.file}:${f.exemptedBy.line}`) : undefined);
    findings.push(row(f, seq ?? null));
  }
  // An expired exemption is listed once (it may have covered several findings), as the scan found it.
  const expired = new Map<string, number>();
  for (const f of report.findings) {
    findings.push(row(f, null));
    const gone = f.expiredExemption;
    if (!gone) continue;
    const key = `${gone.file}:${gone.line}`;
    const seq = expired.get(key);
    const exemption = seq === undefined ? undefined : exemptions[seq];
    if (exemption) {
      exemption.findings++;
      if (!exemption.rules.includes(f.ruleId)) exemption.rules.push(f.ruleId);
      continue;
    }
    expired.set(key, exemptions.length);
    const { team, service } = findings.at(-1) as FindingRow;
    attributed.push({ team, service });
    exemptions.push({
      rules: [f.ruleId],
      written: gone.written ?? f.ruleId,
      syntax: gone.syntax ?? null,
      reason: gone.reason ?? null,
      approver: gone.approver ?? null,
      expires: gone.expires,
      file: gone.file,
      line: gone.line,
      resource: f.resource,
      team,
      service,
      findings: 1,
    });
  }
  for (const [seq, exemption] of exemptions.entries()) {
    const owner =
      attributed[seq] ?? attribute({ resource: exemption.resource, file: exemption.file, owner: null });
    exemption.team = owner.team;
    exemption.service = owner.service;
  }
  return { findings, exemptions };
}
