// The delivery log of an alert over HTTP, for the portal and the CLI: who was notified how, and how
// it went. Addresses are shown as contact methods are (URLs by host only).
import { z } from 'zod';
import { listOf } from '../../platform/http/list-schema.ts';
import type { TypedApp } from '../../platform/http/route-types.ts';
import { type DeliveryView, deliveryViewSchema } from './schemas.ts';

const querystring = z.strictObject({ alert: z.string().min(1).max(300).describe('the alert id') });

export function deliveryRoutes(deliveries: (alertId: string) => Promise<DeliveryView[]>) {
  return (app: TypedApp) => {
    app.get(
      '/api/v1/notifications/deliveries',
      {
        config: { access: 'read' },
        schema: {
          tags: ['notifications'],
          summary: "An alert's notification deliveries, oldest first",
          description:
            'state: queued (waiting for its rule’s delay or its turn), retrying (a try failed; more will come), sent, dead (a 4xx answer, or every try failed: lastError says why), skipped (nothing to send through, e.g. email without SMTP configured), cancelled (the alert was acknowledged or resolved first).',
          querystring,
          response: { 200: listOf(deliveryViewSchema) },
        },
      },
      async (request) => ({ items: await deliveries(request.query.alert) }),
    );
  };
}
