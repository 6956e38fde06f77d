// Notifications as a running module: its face (notify, deliveries), its routes and its delivery job.
import type { PlatformServices, RunningModule } from '../../platform/module.ts';
import type { DeliverOptions } from './deliver-job.ts';
import { createNotifications, type NotificationsService } from './notifications-service.ts';
import type { HasPerson } from './people.ts';
import type { SmtpSettings } from './senders/index.ts';

export interface NotificationsNeeds {
  /** Identity's face: contact methods and rules belong to people it knows. */
  hasPerson: HasPerson;
  /** From STEWARD_SMTP_URL and STEWARD_SMTP_FROM; absent: email deliveries are skipped. */
  smtp?: SmtpSettings | undefined;
  /** Tests only: fewer tries, shorter backoff, shorter timeouts. */
  delivery?: (DeliverOptions & { timeoutMs?: number }) | undefined;
}

export function notificationsModuleOf(
  platform: PlatformServices,
  needs: NotificationsNeeds,
): Promise<RunningModule<NotificationsService>> {
  const notifications = createNotifications({
    database: platform.database,
    jobs: platform.jobs,
    hasPerson: needs.hasPerson,
    smtp: needs.smtp,
    timeoutMs: needs.delivery?.timeoutMs,
    delivery: needs.delivery,
  });
  return Promise.resolve({ api: notifications, routes: [notifications.routes], jobs: notifications.jobs });
}
