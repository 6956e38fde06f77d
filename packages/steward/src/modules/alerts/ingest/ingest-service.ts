// Writing what senders say, in two steps. Accepting: a request's alerts are read, routed (who-owns
// answers from memory) and written as one inbox row, committed before the 2xx (inbox.ts). Applying:
// inbox rows, in arrival order, become alerts: triggers go in as one insert per request (a key
// already open is skipped: Alertmanager resends what still fires), new alerts get their
// `alerts.opened` events and one escalation job per request in the same transaction; resolves and
// acknowledges take the next step.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { emitMany } from '../../../platform/events/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import {
  type AlertRow,
  alertKey,
  changeAlertsState,
  findOpenAlertIds,
  insertAlerts,
  lockOpenAlerts,
  type NewAlert,
} from '../alert-store.ts';
import type { EscalateJob } from '../escalate-contract.ts';
import type { EscalateOpenedJob } from '../escalate-opened-job.ts';
import { alertAcknowledged, alertOpened, alertResolved } from '../events.ts';
import type { IntegrationRow } from '../integrations.ts';
import { type Route, type RouteContext, routeAlerts } from '../route-alert.ts';
import { silencesEndedBy } from '../suppression/index.ts';
import type { AlertStatus, AlertTables } from '../tables.ts';
import { advances, type Step } from '../transitions.ts';
import type { InboxItem } from './inbox-store.ts';
import type { InboxWriter } from './inbox-writer.ts';
import type { IncomingAlert } from './incoming.ts';
import type { SenderFormat } from './senders.ts';

type Publish = (topic: string, type: string, data: unknown) => Promise<number>;

export interface ApplyContext {
  jobs: JobQueue;
  escalate: EscalateJob;
  escalateOpened: EscalateOpenedJob;
}

export interface AcceptContext {
  db: Kysely<AlertTables>;
  route: RouteContext;
  inbox: Pick<InboxWriter, 'write'>;
}

export interface IngestOutcome {
  dedupKey: string;
  /** Null when there was nothing open to resolve or acknowledge. */
  alertId: string | null;
  status: AlertStatus | null;
  changed: boolean;
}

/** The integration as an inbox row remembers it. */
export interface InboxIntegration {
  id: string;
  name: string;
}

/** A request as its endpoint read it: the body as received, and the alerts read from it. */
export interface Received {
  sender: SenderFormat;
  body: string;
  receivedAt: Date;
  alerts: IncomingAlert[];
  /** The dedup_key a PagerDuty event without one was given. */
  dedupKey?: string;
}

/**
 * Accepting a request: its triggers routed, and the request written as one inbox row, its body as
 * received with where each alert goes. When this answers true the alerts are durable; they are
 * applied to `alerts` after. False: the integration was deleted meanwhile, and nothing was written.
 */
export async function acceptAlerts(
  ctx: AcceptContext,
  integration: IntegrationRow,
  received: Received,
): Promise<boolean> {
  const routes = await routeEach(ctx, integration, received.alerts);
  const distinct = new Map<Route, number>();
  const routeOf = routes.map((route) => {
    if (route === null) return null;
    let at = distinct.get(route);
    if (at === undefined) {
      at = distinct.size;
      distinct.set(route, at);
    }
    return at;
  });
  const request = {
    sender: received.sender,
    receivedAt: received.receivedAt.toISOString(),
    body: received.body,
    urgency: integration.urgency ?? null,
    routes: [...distinct.keys()],
    routeOf,
    ...(received.dedupKey ? { dedupKey: received.dedupKey } : {}),
  };
  return ctx.inbox.write(integration.id, request);
}

/**
 * Applying one accepted request in the caller's transaction, as if its alerts had arrived one by one
 * in the message's order.
 */
export async function applyAlerts(
  trx: Transaction<AlertTables>,
  ctx: ApplyContext,
  integration: InboxIntegration,
  items: readonly InboxItem[],
): Promise<IngestOutcome[]> {
  // Rows are written and locked in one order whatever the order in the message: two messages about
  // the same alerts wait for each other rather than deadlock.
  const order = items
    .map((alert, i) => ({ alert, i, key: alertKey(alert.groupKey, alert.dedupKey) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  const done: IngestOutcome[] = new Array(items.length);
  const triggers = order.filter(({ alert }) => alert.action === 'trigger');
  const rows = triggers.map(({ alert }) => newAlert(integration, alert));
  const inserted = await insertAlerts(trx, rows);
  const repeats = triggers.filter((_, n) => !inserted.has((rows[n] as NewAlert).id));
  const open = await findOpenAlertIds(
    trx,
    integration.id,
    repeats.map(({ alert }) => alert),
  );
  const opened: NewAlert[] = [];
  for (const [n, { alert, i, key }] of triggers.entries()) {
    const row = rows[n] as NewAlert;
    if (inserted.has(row.id)) {
      opened.push(row);
      done[i] = { dedupKey: alert.dedupKey, alertId: row.id, status: 'triggered', changed: true };
    } else {
      const found = open.get(key);
      done[i] = {
        dedupKey: alert.dedupKey,
        alertId: found?.id ?? null,
        status: found?.status ?? null,
        changed: false,
      };
    }
  }
  // One statement each for the batch's events and escalation jobs, whatever its size.
  const by = `integration:${integration.name}`;
  await emitMany(
    trx,
    alertOpened,
    opened.map(({ id, service, team, urgency }) => ({ alertId: id, service, team, urgency, by })),
  );
  if (opened.length > 0) {
    const alertIds = opened.map(({ id }) => id);
    await ctx.jobs.enqueue(ctx.escalateOpened, { alertIds }, { trx, key: alertIds[0] as string });
  }
  const steps = order.filter(({ alert }) => alert.action !== 'trigger');
  for (const [i, outcome] of await stepsFromSender(trx, integration, steps, {
    jobs: ctx.jobs,
    job: ctx.escalate,
  }))
    done[i] = outcome;
  return done;
}

function newAlert(integration: InboxIntegration, alert: InboxItem): NewAlert {
  const by = `integration:${integration.name}`;
  const route = alert.route as Route;
  return {
    id: randomUUID(),
    integration_id: integration.id,
    source: alert.source,
    dedup_key: alert.dedupKey,
    group_key: alert.groupKey,
    group_labels: alert.groupLabels,
    status: 'triggered',
    urgency: alert.urgency,
    summary: alert.summary,
    labels: alert.labels,
    annotations: alert.annotations,
    generator_url: alert.generatorUrl,
    service: route.service,
    team: route.team,
    unowned: route.unowned,
    assignee: null,
    hops: route.hops,
    timeline: [{ at: new Date().toISOString(), status: 'triggered', by, text: `triggered by ${by}` }],
    starts_at: alert.startsAt,
    acknowledged_at: null,
    acknowledged_by: null,
    resolved_at: null,
    resolved_by: null,
  };
}

/**
 * Resolves and acknowledges, each of the open alert with its key (none open: nothing), taken in the
 * message's order as if one by one, written in a few statements: one lock, one update and one event
 * insert for each kind of step.
 */
async function stepsFromSender(
  trx: Transaction<AlertTables>,
  integration: InboxIntegration,
  steps: { alert: InboxItem; i: number; key: string }[],
  escalation: { jobs: JobQueue; job: EscalateJob },
): Promise<Map<number, IngestOutcome>> {
  const outcomes = new Map<number, IngestOutcome>();
  if (steps.length === 0) return outcomes;
  const open = await lockOpenAlerts(
    trx,
    integration.id,
    steps.map(({ alert }) => alert),
  );
  const status = new Map<string, AlertStatus>([...open].map(([key, row]) => [key, row.status]));
  const changed: Record<Step, { row: AlertRow; source: string }[]> = { acknowledged: [], resolved: [] };
  for (const { alert, i, key } of steps) {
    const row = open.get(key);
    const now = status.get(key);
    // Resolved earlier in this message: no longer open, as a later look-up would have found.
    if (!row || !now || now === 'resolved') {
      outcomes.set(i, { dedupKey: alert.dedupKey, alertId: null, status: null, changed: false });
      continue;
    }
    const to: Step = alert.action === 'acknowledge' ? 'acknowledged' : 'resolved';
    const moves = advances(now, to);
    if (moves) {
      changed[to].push({ row, source: alert.source });
      status.set(key, to);
    }
    outcomes.set(i, { dedupKey: alert.dedupKey, alertId: row.id, status: moves ? to : now, changed: moves });
  }
  // An alert acknowledged then resolved in one message takes its steps in that order.
  const by = `integration:${integration.name}`;
  const at = new Date();
  for (const to of ['acknowledged', 'resolved'] as const) {
    const moved = changed[to];
    if (moved.length === 0) continue;
    const action = to === 'acknowledged' ? 'acknowledge' : 'resolve';
    // One sender per message in practice; worded as takeStep words a sender's step (transitions.ts).
    for (const [source, group] of Map.groupBy(moved, (one) => one.source)) {
      const entry = {
        at: at.toISOString(),
        status: to,
        by,
        text: `${to} by ${by} (${source} sent ${action})`,
      };
      const ids = group.map(({ row }) => row.id);
      await changeAlertsState(trx, ids, { status: to, at, entry });
    }
    const data = moved.map(({ row: { id, service, team, urgency } }) => ({
      alertId: id,
      service,
      team,
      urgency,
      by,
    }));
    await emitMany(trx, to === 'acknowledged' ? alertAcknowledged : alertResolved, data);
    // As takeStep does for one alert: a resolve ends the silences that lasted until it, and the
    // escalation hears of each step in this transaction.
    if (to === 'resolved') for (const { row } of moved) await silencesEndedBy(trx, row.id, at);
    await escalation.jobs.enqueueMany(
      escalation.job,
      moved.map(({ row }) => ({
        payload: { alertId: row.id, reason: to },
        options: { key: `${row.id}:${to}` },
      })),
      { trx },
    );
  }
  return outcomes;
}

/** Only alerts that may open need a route, asked about together. */
async function routeEach(ctx: AcceptContext, integration: IntegrationRow, incoming: IncomingAlert[]) {
  const triggers = incoming.filter((alert) => alert.action === 'trigger');
  const routes = await routeAlerts(triggers, integration, ctx.route);
  let next = 0;
  return incoming.map((alert) => (alert.action === 'trigger' ? (routes[next++] as Route) : null));
}

/**
 * After the commit, not awaited: applying does not wait for the live channel (which logs
 * its own failures). A new alert has no followers of its own topic yet, so only `alerts` hears of it.
 */
export function publishChanges(publish: Publish, outcomes: readonly IngestOutcome[]): void {
  for (const outcome of outcomes) {
    if (!outcome.changed || !outcome.alertId) continue;
    const data = { id: outcome.alertId, status: outcome.status };
    publish('alerts', 'alert.changed', data).catch(() => undefined);
    if (outcome.status !== 'triggered')
      publish(`alert:${outcome.alertId}`, 'alert.changed', data).catch(() => undefined);
  }
}
