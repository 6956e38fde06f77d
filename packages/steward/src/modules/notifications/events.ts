// The notifications module's domain events, emitted in the transaction of the change: incidents
// follow them to put an attached alert's pages on the timeline as they go out. Data is small: read
// the delivery log (the alert's) for the rest.
import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';
import { deliveryKinds } from './schemas.ts';

/** A notification went out through one of a person's contact methods. */
export const deliverySent = defineEvent(
  'notifications.delivery-sent',
  z.object({
    deliveryId: z.string(),
    kind: z.enum(deliveryKinds).describe('what the delivery is about'),
    about: z.string().describe("the alert's id for an alert's page"),
    person: z.string(),
    level: z.number().int(),
  }),
);
