// The admission webhook's judgement: the object under review scanned by the same engine as `steward
// scan` (its single-object rules: those that need other resources, such as NetworkPolicy coverage,
// cannot be judged from one object and are skipped), its owner found as the scanner finds it, the
// mode chosen by namespace, then team, then the default, and the answer given within a hard budget.
// What it saw is recorded per team, except for dry runs.
import { sql } from 'kysely';
import type { AdmissionConfig, AdmissionMode } from '../../../platform/config-admission.ts';
import type { Logger } from '../../../platform/logging.ts';
import type { OwnershipService } from '../../ownership/index.ts';
import type { Finding, ScanConfig, Subject } from '../engine/model.ts';
import { severityRank } from '../engine/output/report.ts';
import type { PolicyConfig } from '../engine/policy.ts';
import { defaultScanConfig, type Scanner } from '../engine/scan.ts';
import { ownerOfSubject } from '../owners.ts';
import type { GuardrailsDb, ReportedFinding } from '../tables.ts';
import type { AdmissionRequest, AdmissionResponse } from './review.ts';

/**
 * Rules that judge an object against others scanned with it (the NetworkPolicies, PodDisruptionBudgets
 * and pods of its namespace, the Service an Ingress names): one object alone cannot be judged by them.
 */
export const crossResourceRules = [
  'k8s-network-policy',
  'k8s-pod-disruption-budget',
  'k8s-service-selector',
  'k8s-ingress-backend',
] as const;

/** Kubernetes may truncate a warning past 256 characters, and all of them past 4096. */
const warningLength = 256;
const warningsTotal = 4096;

export interface AdmissionNeeds {
  db: GuardrailsDb;
  scanner: Scanner;
  /** The catalog's ownership index: who owns the object, as `steward scan --catalog` would say. */
  ownership: Pick<OwnershipService, 'index'>;
  /** With team keys as entity refs (`group:default/payments`). */
  config: AdmissionConfig;
  /** The GuardrailsPolicy file's settings, when STEWARD_ADMISSION names one. */
  policy: PolicyConfig | null;
  logger: Logger;
}

export interface AdmissionReport {
  uid: string;
  at: string;
  team: string | null;
  namespace: string | null;
  resource: string;
  operation: string;
  mode: AdmissionMode;
  allowed: boolean;
  user: string | null;
  findings: ReportedFinding[];
}

export interface AdmissionService {
  review(request: AdmissionRequest): Promise<AdmissionResponse>;
  /** Newest first. `team` is an entity ref. */
  reports(query: { team?: string; namespace?: string; limit: number }): Promise<AdmissionReport[]>;
}

interface Judged {
  resource: string;
  namespace: string | null;
  findings: Finding[];
  team: string | null;
  mode: AdmissionMode;
}

const timedOut = Symbol('timed out');

export function createAdmissionService(needs: AdmissionNeeds): AdmissionService {
  const { db, scanner, config, logger } = needs;

  const scanConfig = (): ScanConfig => {
    const scan = { ...defaultScanConfig(new Date().toISOString().slice(0, 10)), ...needs.policy };
    const toggles = { ...scan.ruleToggles };
    for (const id of crossResourceRules) toggles[id] = false;
    return { ...scan, ruleToggles: toggles };
  };

  const judge = async (request: AdmissionRequest, object: Record<string, unknown>): Promise<Judged> => {
    const reviewed = withIdentity(object, request);
    const result = scanner.scan(
      [{ path: `admission/${request.uid}.yaml`, text: JSON.stringify(reviewed, null, 2) }],
      scanConfig(),
    );
    const subject: Subject | undefined = result.subjects[0];
    const resource = subject?.id ?? describe(reviewed, request);
    const namespace = subject?.namespace ?? request.namespace ?? null;
    if (result.findings.length === 0) {
      return { resource, namespace, findings: [], team: null, mode: config.mode };
    }
    const team = subject ? ownerOfSubject(subject, await needs.ownership.index()) : null;
    const mode =
      (namespace !== null ? config.namespaces[namespace] : undefined) ??
      (team !== null ? config.teams[team] : undefined) ??
      config.mode;
    return { resource, namespace, findings: result.findings, team, mode };
  };

  const record = async (request: AdmissionRequest, judged: Judged, allowed: boolean) => {
    await db
      .insertInto('guardrails_admission_reports')
      .values({
        uid: request.uid,
        team: judged.team,
        namespace: judged.namespace,
        resource: judged.resource,
        operation: request.operation,
        mode: judged.mode,
        allowed,
        username: request.userInfo?.username ?? null,
        findings: sql`${JSON.stringify(judged.findings.map(reported))}::jsonb` as never,
      })
      .onConflict((c) => c.column('uid').doNothing())
      .execute();
  };

  return {
    async review(request) {
      const started = performance.now();
      const object = request.object;
      // A deletion or a connection (exec, port-forward) carries no object to judge.
      if (!object || request.operation === 'DELETE' || request.operation === 'CONNECT') {
        return { uid: request.uid, allowed: true };
      }
      const deadline = budget(config.timeoutMs);
      const judged = await Promise.race([judge(request, object), deadline.expired]).finally(deadline.cancel);
      // The scan itself runs without yielding: a budget it overran is seen here.
      if (judged === timedOut || performance.now() - started > config.timeoutMs) {
        logger.warn({ uid: request.uid, timeoutMs: config.timeoutMs }, 'admission review ran out of time');
        return timeoutAnswer(request.uid, config);
      }
      if (judged.findings.length === 0) return { uid: request.uid, allowed: true };
      const response = answer(request.uid, judged, config);
      if (!request.dryRun) {
        // The record is written within what is left of the budget; past it, the answer goes first.
        const stored = record(request, judged, response.allowed).catch((error: unknown) => {
          logger.error({ err: error, uid: request.uid }, 'could not record an admission report');
        });
        const left = budget(Math.max(0, config.timeoutMs - (performance.now() - started)));
        await Promise.race([stored, left.expired]).finally(left.cancel);
      }
      return response;
    },

    async reports({ team, namespace, limit }) {
      let query = db.selectFrom('guardrails_admission_reports').selectAll();
      if (team !== undefined) query = query.where('team', '=', team);
      if (namespace !== undefined) query = query.where('namespace', '=', namespace);
      const rows = await query.orderBy('at', 'desc').orderBy('uid').limit(limit).execute();
      return rows.map((r) => ({
        uid: r.uid,
        at: new Date(r.at).toISOString(),
        team: r.team,
        namespace: r.namespace,
        resource: r.resource,
        operation: r.operation,
        mode: r.mode,
        allowed: r.allowed,
        user: r.username,
        findings: r.findings,
      }));
    },
  };
}

/** The object as the API server will store it: its namespace and name from the request when it omits them. */
function withIdentity(object: Record<string, unknown>, request: AdmissionRequest): Record<string, unknown> {
  const metadata = isRecord(object.metadata) ? { ...object.metadata } : {};
  if (typeof metadata.namespace !== 'string' && request.namespace) metadata.namespace = request.namespace;
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    // A pod a ReplicaSet creates has only generateName until the API server names it.
    metadata.name =
      request.name || (typeof metadata.generateName === 'string' ? `${metadata.generateName}*` : '(unnamed)');
  }
  return { ...object, metadata };
}

function describe(object: Record<string, unknown>, request: AdmissionRequest): string {
  const kind = typeof object.kind === 'string' ? object.kind : (request.kind?.kind ?? 'Object');
  const name = (object.metadata as { name: string }).name;
  return request.namespace ? `${kind}/${request.namespace}/${name}` : `${kind}/${name}`;
}

function answer(uid: string, judged: Judged, config: AdmissionConfig): AdmissionResponse {
  if (judged.mode === 'audit') return { uid, allowed: true };
  const denying =
    judged.mode === 'enforce'
      ? judged.findings.filter((f) => severityRank[f.severity] >= severityRank[config.denyAt])
      : [];
  const warned = judged.findings.filter((f) => !denying.includes(f));
  const warnings = warningsOf(warned);
  if (denying.length === 0) return { uid, allowed: true, ...(warnings.length > 0 ? { warnings } : {}) };
  const lines = denying.map(
    (f) => `- ${f.ruleId} (${f.severity}) ${f.resource ?? judged.resource}: ${f.message}`,
  );
  return {
    uid,
    allowed: false,
    status: {
      code: 403,
      message: `Steward guardrails deny ${judged.resource} (${denying.length} finding${denying.length > 1 ? 's' : ''} at or above ${config.denyAt}):\n${lines.join('\n')}`,
    },
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

function warningsOf(findings: Finding[]): string[] {
  const out: string[] = [];
  let total = 0;
  for (const [i, f] of findings.entries()) {
    let text = `${f.ruleId} (${f.severity}) ${f.resource ?? ''}: ${f.message}`;
    if (text.length > warningLength) text = `${text.slice(0, warningLength - 3)}...`;
    const rest = findings.length - i;
    if (total + text.length > warningsTotal - 100 && rest > 1) {
      out.push(`and ${rest} more findings: steward scan lists them all`);
      break;
    }
    out.push(text);
    total += text.length;
  }
  return out;
}

function timeoutAnswer(uid: string, config: AdmissionConfig): AdmissionResponse {
  const said = `Steward guardrails could not finish within ${config.timeoutMs} ms`;
  if (config.onTimeout === 'deny') {
    return {
      uid,
      allowed: false,
      status: { code: 403, message: `${said}; refused unchecked (onTimeout: deny)` },
    };
  }
  return { uid, allowed: true, warnings: [`${said}; admitted unchecked (onTimeout: allow)`] };
}

function reported(f: Finding): ReportedFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    resource: f.resource,
    container: f.container?.name ?? null,
    aliases: f.aliases,
  };
}

function budget(ms: number): { expired: Promise<typeof timedOut>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), ms);
  });
  return { expired, cancel: () => clearTimeout(timer) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
