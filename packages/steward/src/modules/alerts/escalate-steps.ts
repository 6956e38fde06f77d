import type { PolicyRoute } from '../oncall/index.ts';
import { type AlertRow, lockAlert, lockAlerts } from './alert-store.ts';
import type { EscalateDeps } from './escalate-contract.ts';
import { notifyAll } from './escalate-notify.ts';
import { type EscalationPosition, firstPosition, planEscalation, storePosition } from './escalation/index.ts';
import { readCursors, writeCursors, writeEscalation, writeEscalations } from './escalation-store.ts';
import type { Suppression } from './suppression/index.ts';
import type { EscalationRecord, Hop } from './tables.ts';

const hop = (at: Date, kind: string, text: string): Hop => ({ at: at.toISOString(), kind, text });
const serialKeyOf = (policy: string) => `alerts.escalate:${policy.toLowerCase()}`;

/** First decision (or after a silence ended): suppressed, no policy, or step 1 of the policy. */
export async function startEscalation(deps: EscalateDeps, row: AlertRow, now: Date) {
  const quiet = await deps.suppression.suppressionFor({
    labels: row.labels,
    service: row.service,
    at: now,
    alertId: row.id,
  });
  const route = quiet ? null : await deps.oncall.policyFor({ service: row.service, team: row.team });
  return takeFirstStep(deps, row, now, firstStep(row, now, quiet, route));
}

/**
 * The first decisions about many new alerts (those one request opened): suppression read once for
 * all, their services' policies looked up together, and the decisions that notify nobody (held by
 * a silence or window, no policy) stored together in one transaction. The others go on one by one.
 */
export async function startEscalations(deps: EscalateDeps, rows: readonly AlertRow[], now: Date) {
  const quiet = await deps.suppression.suppressionsFor(
    now,
    rows.map((row) => ({ labels: row.labels, service: row.service, alertId: row.id })),
  );
  const loud = rows.filter((_, i) => !quiet[i]);
  const policies = await deps.oncall.policiesFor(loud.map(({ service, team }) => ({ service, team })));
  const routes = new Map(loud.map((row, i) => [row.id, policies[i] as PolicyRoute]));
  const quietDecisions: { row: AlertRow; change: Commit }[] = [];
  const results: unknown[] = [];
  for (const [i, row] of rows.entries()) {
    const held = quiet[i] ?? null;
    const step = firstStep(row, now, held, routes.get(row.id) ?? null);
    if ('result' in step && step.commit && !step.commit.next) {
      quietDecisions.push({ row, change: step.commit });
      results.push(step.result);
    } else results.push(await takeFirstStep(deps, row, now, step));
  }
  await commitMany(deps, quietDecisions);
  return results;
}

type FirstStep =
  | { result: Record<string, unknown>; commit?: undefined }
  | { result: Record<string, unknown>; commit: Commit }
  | { escalate: { policy: string; position: EscalationPosition }; hops: Hop[] };

function firstStep(
  row: AlertRow,
  now: Date,
  quiet: Suppression | null,
  route: PolicyRoute | null,
): FirstStep {
  if (quiet) {
    const result = { alertId: row.id, suppressed: quiet.id };
    if (row.escalation?.suppression?.id === quiet.id) return { result };
    const what = quiet.kind === 'silence' ? `silence ${quiet.id}` : `maintenance window ${quiet.id}`;
    const until = quiet.endsAt ? `until ${quiet.endsAt}` : 'until the alert resolves';
    const text = `${what}: ${quiet.reason}; nobody is notified ${until}`;
    const record: EscalationRecord = {
      state: 'suppressed',
      policy: null,
      position: null,
      suppression: { kind: quiet.kind, id: quiet.id },
    };
    return { result, commit: { record, hops: [hop(now, 'suppression', text)] } };
  }
  const hops = (route?.hops ?? []).map((h) => hop(now, 'policy', h.text));
  if (!route?.policy) {
    hops.push(hop(now, 'escalation', 'no escalation policy: nobody is notified; the alert stays triggered'));
    const record: EscalationRecord = { state: 'no-policy', policy: null, position: null, suppression: null };
    return { result: { alertId: row.id, policy: null }, commit: { record, hops } };
  }
  const position = firstPosition(new Date(row.created_at));
  if (route.policy.steps.some((s) => s.strategy === 'round-robin')) {
    // Its turns are shared by all its alerts: every decision runs in that policy's serial jobs, the
    // first too (this job, enqueued with the alert, could not know the policy).
    const record: EscalationRecord = {
      state: 'escalating',
      policy: route.policy.ref,
      position: storePosition(position),
      suppression: null,
    };
    const serialKey = serialKeyOf(route.policy.ref);
    return {
      result: { alertId: row.id, policy: route.policy.ref, serialised: serialKey },
      commit: { record, hops, next: { position, serialKey } },
    };
  }
  return { escalate: { policy: route.policy.ref, position }, hops };
}

async function takeFirstStep(deps: EscalateDeps, row: AlertRow, now: Date, step: FirstStep) {
  if ('escalate' in step) return escalateFrom(deps, row, now, step.escalate, step.hops);
  if (step.commit) await commit(deps, row, step.commit);
  return step.result;
}

/** Runs the planner from a position and stores its answer. */
export async function escalateFrom(
  deps: EscalateDeps,
  row: AlertRow,
  now: Date,
  from: { policy: string; position: EscalationPosition },
  before: Hop[] = [],
) {
  const policy = await deps.oncall.policy(from.policy);
  if (!policy) {
    const text = `policy ${from.policy} is no longer in the catalog: escalation stopped`;
    const record: EscalationRecord = {
      state: 'done',
      policy: from.policy,
      position: storePosition(from.position),
      suppression: null,
    };
    await commit(deps, row, { record, hops: [...before, hop(now, 'escalation', text)] });
    return { alertId: row.id, stopped: text };
  }
  const reach = await Promise.all(
    policy.steps.map(async (_, i) => (await deps.oncall.reach(policy.ref, i + 1, now)).map((r) => r.user)),
  );
  const cursors = await readCursors(deps.db, policy.ref);
  const plan = planEscalation({
    policy,
    alert: {
      id: row.id,
      urgency: row.urgency,
      state: row.status,
      acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at) : null,
      acknowledgedBy: row.acknowledged_by,
    },
    position: from.position,
    reach,
    cursors,
    now,
    timeZone: policy.workingHours?.timeZone,
  });
  const failed = await notifyAll(deps, row, plan);
  const hops = [...before, hop(now, 'escalation', plan.hop), ...failed.map((t) => hop(now, 'escalation', t))];
  const record: EscalationRecord = {
    state: plan.next ? 'escalating' : 'done',
    policy: policy.ref,
    position: storePosition(plan.next ?? from.position),
    suppression: null,
  };
  const roundRobin = policy.steps.some((s) => s.strategy === 'round-robin');
  await commit(deps, row, {
    record,
    hops,
    assignee: plan.notify[0]?.person,
    cursors: plan.cursors === cursors ? undefined : { policy: policy.ref, cursors: plan.cursors },
    next: plan.next
      ? { position: plan.next, serialKey: roundRobin ? `escalate:${policy.ref}` : undefined }
      : null,
  });
  return { alertId: row.id, notified: plan.notify.map((n) => n.person), next: plan.next?.at ?? null };
}

interface Commit {
  record: EscalationRecord;
  hops: Hop[];
  assignee?: string | undefined;
  cursors?: { policy: string; cursors: Record<number, number> } | undefined;
  next?: { position: EscalationPosition; serialKey: string | undefined } | null;
}

/** Stores a decision unless the alert's escalation moved since it was read (then another job made it). */
async function commit(deps: EscalateDeps, read: AlertRow, change: Commit): Promise<void> {
  const stored = await deps.db.transaction().execute(async (trx) => {
    const row = await lockAlert(trx, read.id);
    if (!row || !unmoved(row, read)) return false;
    await writeEscalation(trx, row, {
      escalation: change.record,
      hops: newHops(row, change),
      assignee: change.assignee,
    });
    if (change.cursors) await writeCursors(trx, change.cursors.policy, change.cursors.cursors);
    const next = change.next?.position;
    if (next) {
      const stored = storePosition(next);
      await deps.jobs.enqueue(
        deps.job(),
        { alertId: row.id, reason: 'next', expected: stored },
        {
          trx: trx as never,
          runAt: next.at,
          key: `${row.id}:${next.run}:${next.level}:${stored.at}`,
          ...(change.next?.serialKey ? { serialKey: change.next.serialKey } : {}),
        },
      );
    }
    return true;
  });
  if (stored) await announce(deps, read);
}

/** Decisions that schedule nothing (no assignee, cursors or next step), many alerts in one transaction. */
async function commitMany(deps: EscalateDeps, decisions: { row: AlertRow; change: Commit }[]): Promise<void> {
  if (decisions.length === 0) return;
  const stored = await deps.db.transaction().execute(async (trx) => {
    const locked = await lockAlerts(
      trx,
      decisions.map((d) => d.row.id),
    );
    const writes = decisions.flatMap(({ row: read, change }) => {
      const row = locked.get(read.id);
      if (!row || !unmoved(row, read)) return [];
      return [{ row, escalation: change.record, hops: newHops(row, change) }];
    });
    await writeEscalations(trx, writes);
    return writes.map((w) => w.row);
  });
  for (const row of stored) await announce(deps, row);
}

const unmoved = (row: AlertRow, read: AlertRow) =>
  JSON.stringify(row.escalation) === JSON.stringify(read.escalation);

/** A decision made again (a retried job, an acknowledgement heard twice) is not written twice. */
function newHops(row: AlertRow, change: Commit): Hop[] {
  const last = row.hops.at(-1)?.text;
  return change.hops.length === 1 && change.hops[0]?.text === last ? [] : change.hops;
}

async function announce(deps: EscalateDeps, row: AlertRow): Promise<void> {
  const data = { id: row.id, status: row.status };
  await deps.publish(`alert:${row.id}`, 'alert.changed', data).catch(() => undefined);
}
