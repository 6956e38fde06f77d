// Sends one message through one contact method: the webhook, Slack and email senders behind one call.
import { createHash } from 'node:crypto';
import { addressLabel } from '../addresses.ts';
import type { ContactMethodRow } from '../store.ts';
import { emailSender, type SmtpSettings } from './email.ts';
import { postJson } from './http-post.ts';
import type { Message } from './message.ts';
import type { SendOutcome } from './outcome.ts';
import { slackBody } from './slack.ts';
import { webhookBody } from './webhook.ts';

export type { SmtpSettings } from './email.ts';
export type { AlertMessage, Message, ShiftMessage } from './message.ts';
export type { SendOutcome } from './outcome.ts';

export interface Senders {
  send(method: Pick<ContactMethodRow, 'type' | 'address'>, message: Message): Promise<SendOutcome>;
}

export interface SenderOptions {
  smtp?: SmtpSettings | undefined;
  /** Longest wait for any one outbound request. */
  timeoutMs: number;
}

export function createSenders(options: SenderOptions): Senders {
  const sendEmail = emailSender(options.smtp, options.timeoutMs);
  return {
    send(method, message) {
      if (method.type === 'email') return sendEmail(method.address, message);
      const label = addressLabel(method.type, method.address);
      if (method.type === 'slack') {
        return postJson({
          url: method.address,
          label,
          body: slackBody(message),
          timeoutMs: options.timeoutMs,
        });
      }
      return postJson({
        url: method.address,
        label,
        body: webhookBody(message),
        headers: { 'idempotency-key': idempotencyHeader(message.idempotencyKey) },
        timeoutMs: options.timeoutMs,
      });
    },
  };
}

/** The same on every retry of a delivery: derived from its dedup key, which never changes. */
export function idempotencyHeader(dedupKey: string): string {
  return createHash('sha256').update(dedupKey).digest('hex').slice(0, 32);
}
