// Notifications: a person's contact methods (webhook, Slack-compatible webhook, email) and rules, and
// the durable delivery of alert notifications through them, retried, with a log per alert.

export { deliverySent } from './events.ts';
export type { NotificationsNeeds } from './notifications-module.ts';
export {
  createNotifications,
  type NotificationsDeps,
  type NotificationsService,
} from './notifications-service.ts';
export type {
  ContactMethod,
  DeliveryState,
  DeliveryView,
  EffectiveRules,
  IncidentNotice,
  NotifiedAlert,
  NotifyIncidentRequest,
  NotifyRequest,
  NotifyShiftRequest,
  ShiftNotice,
  Urgency,
} from './schemas.ts';
