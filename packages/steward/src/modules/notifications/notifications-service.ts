// Notifications assembled: the store, the senders, the delivery job, and the face the alerts module calls.
import type { Database } from '../../platform/db/database.ts';
import type { RoutePlugin } from '../../platform/http/route-types.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/index.ts';
import { ensureContactMethod } from './contact-methods.ts';
import { type DeliverOptions, deliverJob } from './deliver-job.ts';
import { deliveryRoutes } from './delivery-routes.ts';
import { notify, notifyIncident, notifyShift } from './notify.ts';
import type { HasPerson } from './people.ts';
import { notificationRoutes } from './routes.ts';
import type {
  DeliveryView,
  NewContactMethod,
  NotifyIncidentRequest,
  NotifyRequest,
  NotifyShiftRequest,
} from './schemas.ts';
import { createSenders, type SmtpSettings } from './senders/index.ts';
import { cancelQueued, type DeliveryRow, listDeliveries, type NotificationTables } from './store.ts';

export interface NotificationsService {
  /**
   * Queues one durable delivery per (contact method, rule) of the person's effective rules for this
   * urgency, each after its rule's delay. Calling it again with the same idempotencyKey queues nothing
   * new (even after the first deliveries finished). Answers how many deliveries this call queued.
   */
  notify(request: NotifyRequest): Promise<{ queued: number }>;
  /**
   * Tells a person their on-call shift is coming up (call it when the notice should go), through their
   * low-urgency rules: by email only unless they set rules. Same delivery, retries and idempotency.
   */
  notifyShift(request: NotifyShiftRequest): Promise<{ queued: number }>;
  /** Tells a person something about an incident (a role given them, an update due); same idempotency. */
  notifyIncident(request: NotifyIncidentRequest): Promise<{ queued: number }>;
  /**
   * Call on acknowledge or resolve: deliveries of the alert not yet sent (a later rule's delay still
   * running, or between retries) will not be sent.
   */
  cancel(alertId: string): Promise<{ cancelled: number }>;
  /** The delivery log of an alert, oldest first. */
  deliveries(alertId: string): Promise<DeliveryView[]>;
  /** Gives a person a contact method unless they have it already (the demo seeds its people's email). */
  ensureContactMethod(handle: string, method: NewContactMethod): Promise<{ added: boolean }>;
  routes: RoutePlugin;
  // biome-ignore lint/suspicious/noExplicitAny: each definition has its own payload type.
  jobs: JobDefinition<any>[];
}

export interface NotificationsDeps {
  database: Database;
  jobs: JobQueue;
  /** Identity's answer to "does this handle exist?". */
  hasPerson: HasPerson;
  /** Absent: email deliveries are skipped, with that reason in the log. */
  smtp?: SmtpSettings | undefined;
  /** Longest wait for one outbound request (default 10 s). */
  timeoutMs?: number | undefined;
  /** Tests only: fewer tries, shorter backoff. */
  delivery?: DeliverOptions | undefined;
}

export function createNotifications(deps: NotificationsDeps): NotificationsService {
  const db = deps.database.kysely<NotificationTables>();
  const senders = createSenders({ smtp: deps.smtp, timeoutMs: deps.timeoutMs ?? 10_000 });
  const deliver = deliverJob(db, senders, deps.delivery);
  const ctx = { db, hasPerson: deps.hasPerson, senders };
  const queueing = { db, jobs: deps.jobs, deliver, hasPerson: deps.hasPerson };
  const deliveries = async (alertId: string) => {
    const rows = await listDeliveries(db, 'alert', alertId);
    return Promise.all(rows.map(async (row) => withJobOutcome(deps.jobs, toDeliveryView(row))));
  };
  return {
    notify: (request) => notify(queueing, request),
    notifyShift: (request) => notifyShift(queueing, request),
    notifyIncident: (request) => notifyIncident(queueing, request),
    async cancel(alertId) {
      const jobIds = await cancelQueued(db, alertId);
      // The job would find the delivery cancelled and do nothing; cancelling it just saves the run.
      for (const id of jobIds) await deps.jobs.cancel(id);
      return { cancelled: jobIds.length };
    },
    deliveries,
    ensureContactMethod: (handle, method) => ensureContactMethod(ctx, handle, method),
    routes: async (app) => {
      await notificationRoutes(ctx)(app);
      await deliveryRoutes(deliveries)(app);
    },
    jobs: [deliver],
  };
}

/**
 * A delivery still queued or retrying whose job has ended anyway (its last lease ran out while its
 * server was gone, or someone cancelled it with `steward jobs cancel`) is shown as the job ended.
 */
async function withJobOutcome(jobs: JobQueue, view: DeliveryView): Promise<DeliveryView> {
  if ((view.state !== 'queued' && view.state !== 'retrying') || !view.jobId) return view;
  const job = await jobs.get(view.jobId);
  if (job?.state === 'dead') return { ...view, state: 'dead', lastError: job.lastError ?? view.lastError };
  if (job?.state === 'cancelled') return { ...view, state: 'cancelled', lastError: 'its job was cancelled' };
  return view;
}

function toDeliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    alertId: row.about,
    person: row.person,
    level: row.level,
    urgency: row.urgency,
    method: { id: row.method_id, type: row.method_type, address: row.method_label },
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    jobId: row.job_id,
    dueAt: row.due_at.toISOString(),
    at: row.updated_at.toISOString(),
  };
}
