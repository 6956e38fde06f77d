// A request's body read as its endpoint reads it: at the edge, to answer the sender, and again when
// the accepted request is applied from the inbox, where the body is kept as it was received.
import { postableAlertsSchema, webhookSchema } from '../sender-schemas.ts';
import type { AlertSource } from '../tables.ts';
import { fromApiV2, fromWebhook, type IncomingAlert } from './incoming.ts';
import { readPagerDutyEvent } from './pagerduty.ts';

/** The endpoint a request came to. */
export type SenderFormat = Exclude<AlertSource, 'steward'>;

/**
 * An accepted body's alerts, as they were read when it was accepted: `receivedAt` decides which
 * Alertmanager alerts had ended, and `dedupKey` is what a PagerDuty event without one was given.
 */
export function readAccepted(
  sender: SenderFormat,
  body: unknown,
  receivedAt: Date,
  dedupKey?: string,
): IncomingAlert[] {
  switch (sender) {
    case 'alertmanager-webhook':
      return fromWebhook(webhookSchema.parse(body));
    case 'alertmanager-api':
      return fromApiV2(postableAlertsSchema.parse(body), receivedAt);
    case 'pagerduty': {
      const event = readPagerDutyEvent(body);
      if (!event.ok)
        throw new Error(`the accepted PagerDuty event no longer reads: ${event.errors.join('; ')}`);
      return [dedupKey ? { ...event.alert, dedupKey } : event.alert];
    }
  }
}
