// Alerts: integrations that send them (Alertmanager, PagerDuty Events v2), the alerts, their route to an
// owner and their states. Other modules import only from here.
import type { LinkAction } from './action-links.ts';
import type { NoiseAnswer } from './noise-schemas.ts';
import type { RaiseRequest } from './raise-alert.ts';
import type { AlertDetail, CreateIntegration, Integration } from './schemas.ts';

export interface AlertsApi {
  /** Signed, expiring acknowledge/resolve URLs for a notification; `person` (a ref) is credited. */
  actionLinks(alertId: string, options?: { person?: string }): Promise<Record<LinkAction, string>>;
  getAlert(id: string): Promise<AlertDetail>;
  /** Idempotent; audited as `handle`. */
  acknowledge(id: string, handle: string, how?: string): Promise<AlertDetail>;
  resolve(id: string, handle: string, how?: string): Promise<AlertDetail>;
  /** The integration of that name, or null. */
  integrationNamed(name: string): Promise<Integration | null>;
  /** A new integration and its key (the only time the key is seen); audited as `actor`. */
  createIntegration(
    input: CreateIntegration,
    actor: string,
  ): Promise<{ integration: Integration; key: string }>;
  /**
   * Raises an alert for `team` as any alert is (its policy pages, acknowledgement stops it); raising
   * the same key while its alert is open answers that alert.
   */
  raise(request: RaiseRequest): Promise<{ id: string; opened: boolean }>;
  /** The noise report of a team's alerts created in [from, until): pages per person, outside hours. */
  noise(team: string, period: { from: Date; until: Date }): Promise<NoiseAnswer>;
}

export type { LinkAction } from './action-links.ts';
export { alertAcknowledged, alertOpened, alertResolved } from './events.ts';
export { defaultWorkingHours } from './noise-routes.ts';
export { type NoiseAnswer, noiseAnswerSchema } from './noise-schemas.ts';
export type { RaiseRequest } from './raise-alert.ts';
export type { Route } from './route-alert.ts';
export {
  type AlertDetail,
  type AlertView,
  alertDetailSchema,
  alertSchema,
  type EscalationView,
  type Integration,
  integrationSchema,
} from './schemas.ts';
export type { AlertStatus, EscalationRecord, Hop, TimelineEntry, Urgency } from './tables.ts';
