// The `notifications.deliver` job: one try at one delivery. The delivery row says what to send and
// keeps the log (attempts, state, last error); the job runner keeps the retries and their backoff.
// Idempotent: a delivery already sent, skipped or cancelled is not sent again. A dead one is sent again
// only when someone retries its dead job (`steward jobs retry`): that is what they asked for. A sent
// one is marked so with its `notifications.delivery-sent` event, in one transaction.
import { z } from 'zod';
import { emit } from '../../platform/events/index.ts';
import { defineJob, PermanentJobError } from '../../platform/jobs/index.ts';
import { deliverySent } from './events.ts';
import type { Senders } from './senders/index.ts';
import { type Db, findDelivery, findMethod, updateDelivery } from './store.ts';

export const deliverPayload = z.object({ deliveryId: z.string().min(1) });
export type DeliverPayload = z.infer<typeof deliverPayload>;

const finished = new Set(['sent', 'skipped', 'cancelled']);

export interface DeliverOptions {
  maxAttempts?: number;
  /** Delay before the second try; each later one doubles, up to ten minutes. */
  initialBackoffMs?: number;
}

export function deliverJob(db: Db, senders: Senders, options: DeliverOptions = {}) {
  return defineJob<DeliverPayload>({
    name: 'notifications.deliver',
    payload: deliverPayload,
    maxAttempts: options.maxAttempts ?? 8,
    backoff: { initialMs: options.initialBackoffMs ?? 5000, factor: 2, maxMs: 10 * 60 * 1000 },
    timeoutMs: 60_000,
    async handler({ deliveryId }, ctx) {
      const delivery = await findDelivery(db, deliveryId);
      if (!delivery) throw new PermanentJobError(`delivery ${deliveryId} no longer exists`);
      if (finished.has(delivery.state)) return { state: delivery.state, unchanged: true };
      const method = await findMethod(db, delivery.method_id);
      if (!method) {
        const reason = `contact method ${delivery.method_id} was removed before the notification was sent`;
        await updateDelivery(db, deliveryId, { state: 'skipped', last_error: reason });
        return { state: 'skipped', reason };
      }
      const outcome = await senders.send(method, delivery.message);
      // Counted on the delivery, so tries before a `steward jobs retry` still count.
      const attempts = delivery.attempts + 1;
      if (outcome.kind === 'sent') {
        await db.transaction().execute(async (trx) => {
          await updateDelivery(trx, deliveryId, { state: 'sent', attempts, last_error: null });
          const { kind, about, person, level } = delivery;
          await emit(trx, deliverySent, { deliveryId, kind, about, person, level });
        });
        return { state: 'sent', detail: outcome.detail };
      }
      if (outcome.kind === 'skipped') {
        await updateDelivery(db, deliveryId, { state: 'skipped', attempts, last_error: outcome.reason });
        return { state: 'skipped', reason: outcome.reason };
      }
      const last = !outcome.retryable || ctx.attempt >= ctx.maxAttempts;
      const reason =
        last && outcome.retryable ? `${outcome.reason} (gave up after ${attempts} tries)` : outcome.reason;
      const recorded = await updateDelivery(db, deliveryId, {
        state: last ? 'dead' : 'retrying',
        attempts,
        last_error: reason,
      });
      // Cancelled while this try ran (the alert was acknowledged): no more tries.
      if (!recorded) return { state: 'cancelled', lastTry: reason };
      if (!outcome.retryable) throw new PermanentJobError(reason);
      throw new Error(reason);
    },
  });
}
