// The alerts module's domain events, emitted in the transaction of the change: on-call, notifications
// and incidents follow them on every server. Data is small: read the alert for the rest.
import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

const changed = z.object({
  alertId: z.string(),
  service: z.string().nullable(),
  team: z.string().nullable(),
  urgency: z.enum(['high', 'low']),
  by: z.string().describe('a handle, or integration:<name> when the sender changed it'),
});

export const alertOpened = defineEvent('alerts.opened', changed);
export const alertAcknowledged = defineEvent('alerts.acknowledged', changed);
export const alertResolved = defineEvent('alerts.resolved', changed);
