// notify and notifyShift: the deliveries one notification of one person needs, queued durably in one
// transaction. Each delivery row has a unique dedup key (`${idempotencyKey}:${methodId}`), so a second
// call with the same key queues nothing, however long after the first; its job carries the same key.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { invalid } from '../../platform/errors.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/index.ts';
import { addressLabel } from './addresses.ts';
import type { DeliverPayload } from './deliver-job.ts';
import { type HasPerson, handleOf, personRef } from './people.ts';
import { effectiveRules, planDeliveries } from './rules.ts';
import {
  type DeliveryKind,
  type NotifyIncidentRequest,
  type NotifyRequest,
  type NotifyShiftRequest,
  notifyIncidentRequestSchema,
  notifyRequestSchema,
  notifyShiftRequestSchema,
  type Urgency,
} from './schemas.ts';
import type { Message } from './senders/index.ts';
import { type Db, findRules, insertDelivery, listMethods, updateDelivery } from './store.ts';

export interface NotifyContext {
  db: Db;
  jobs: JobQueue;
  deliver: JobDefinition<DeliverPayload>;
  hasPerson: HasPerson;
}

export async function notify(ctx: NotifyContext, input: NotifyRequest): Promise<{ queued: number }> {
  const request = parse('notify', notifyRequestSchema, input);
  return queueDeliveries(ctx, {
    person: request.person,
    urgency: request.urgency,
    level: request.level,
    kind: 'alert',
    about: request.alert.id,
    idempotencyKey: request.idempotencyKey,
    message: (person, idempotencyKey) => ({
      alert: request.alert,
      person,
      level: request.level,
      links: request.links,
      idempotencyKey,
    }),
  });
}

/** A shift coming up is not urgent: it goes by the person's low-urgency rules (email by default). */
export async function notifyShift(
  ctx: NotifyContext,
  input: NotifyShiftRequest,
): Promise<{ queued: number }> {
  const request = parse('notifyShift', notifyShiftRequestSchema, input);
  return queueDeliveries(ctx, {
    person: request.person,
    urgency: 'low',
    level: request.shift.level,
    kind: 'shift',
    about: request.idempotencyKey,
    idempotencyKey: request.idempotencyKey,
    message: (person, idempotencyKey) => ({ kind: 'shift', shift: request.shift, person, idempotencyKey }),
  });
}

/** A role given, an update due: by the person's rules for the urgency the incident module chose. */
export async function notifyIncident(
  ctx: NotifyContext,
  input: NotifyIncidentRequest,
): Promise<{ queued: number }> {
  const request = parse('notifyIncident', notifyIncidentRequestSchema, input);
  return queueDeliveries(ctx, {
    person: request.person,
    urgency: request.urgency,
    level: 1,
    kind: 'incident',
    about: request.incident.id,
    idempotencyKey: request.idempotencyKey,
    message: (person, idempotencyKey) => ({
      kind: 'incident',
      incident: request.incident,
      text: request.text,
      person,
      idempotencyKey,
    }),
  });
}

interface Notification {
  person: string;
  urgency: Urgency;
  level: number;
  kind: DeliveryKind;
  about: string;
  idempotencyKey: string;
  message: (personRef: string, dedupKey: string) => Message;
}

async function queueDeliveries(ctx: NotifyContext, n: Notification): Promise<{ queued: number }> {
  const handle = handleOf(n.person);
  if (!(await ctx.hasPerson(handle))) {
    throw invalid(`notify: person ${JSON.stringify(n.person)} is no user Steward knows`);
  }
  const methods = await listMethods(ctx.db, handle);
  const rules = effectiveRules(await findRules(ctx.db, handle), methods);
  const byId = new Map(methods.map((m) => [m.id, m]));
  const planned = planDeliveries(rules, n.urgency);
  return ctx.db.transaction().execute(async (trx) => {
    let queued = 0;
    for (const plan of planned) {
      const method = byId.get(plan.methodId);
      if (!method) continue;
      const dedupKey = `${n.idempotencyKey}:${plan.key}`;
      const id = randomUUID();
      const created = await insertDelivery(trx, {
        id,
        dedup_key: dedupKey,
        kind: n.kind,
        about: n.about,
        person: handle,
        urgency: n.urgency,
        level: n.level,
        method_id: method.id,
        method_type: method.type,
        method_label: addressLabel(method.type, method.address),
        message: n.message(personRef(handle), dedupKey),
        delayMs: plan.delayMs,
      });
      if (!created) continue;
      const jobId = await ctx.jobs.enqueue(
        ctx.deliver,
        { deliveryId: id },
        { trx, key: dedupKey, delayMs: plan.delayMs },
      );
      await updateDelivery(trx, id, { job_id: jobId });
      queued++;
    }
    return { queued };
  });
}

function parse<T>(what: string, schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalid(`${what}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
}
