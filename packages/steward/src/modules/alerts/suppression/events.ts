// When a silence or maintenance window ends (its endsAt passes, someone ends it, or the alert it
// waited for resolves), alerts it quieted that still fire are no longer suppressed: the alerts module
// follows this event to notify them, as Alertmanager notifies once a silence expires.
import { z } from 'zod';
import { defineEvent } from '../../../platform/events/index.ts';

export const suppressionEnded = defineEvent(
  'alerts.suppression-ended',
  z.object({
    kind: z.enum(['silence', 'maintenance']),
    id: z.string(),
    /** When it ended (ISO 8601). */
    at: z.string(),
  }),
);
