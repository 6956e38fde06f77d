// The alerts module's tables, as Kysely sees them (migrations 0015-alerts, 0018-alert-escalation).
import type { Generated } from 'kysely';
import type { AuditTables } from '../../platform/audit/audit-log.ts';
import type { StoredPosition } from './escalation/index.ts';

export type IntegrationType = 'alertmanager' | 'pagerduty';
export type AlertStatus = 'triggered' | 'acknowledged' | 'resolved';
/** The steps an alert takes forward: acknowledged, then resolved. */
export type Step = 'acknowledged' | 'resolved';
export type Urgency = 'high' | 'low';
export type AlertSource = 'alertmanager-webhook' | 'alertmanager-api' | 'pagerduty' | 'steward';

export interface IntegrationsTable {
  id: string;
  type: IntegrationType;
  name: string;
  service: string | null;
  urgency: Urgency | null;
  key_hash: string;
  created_by: string;
  created_at: Generated<Date>;
  deleted_at: Date | null;
}

/** A step of the route an alert took to its owner, and why. */
export interface Hop {
  at: string;
  kind: string;
  text: string;
}

/** A change of the alert's state. */
export interface TimelineEntry {
  at: string;
  status: AlertStatus;
  by: string;
  text: string;
}

export interface AlertsTable {
  id: string;
  seq: Generated<string>;
  integration_id: string;
  source: AlertSource;
  dedup_key: string;
  group_key: string;
  group_labels: Record<string, string> | null;
  status: AlertStatus;
  urgency: Urgency;
  summary: string;
  labels: Record<string, string>;
  annotations: Record<string, unknown>;
  generator_url: string | null;
  service: string | null;
  team: string | null;
  unowned: boolean;
  assignee: string | null;
  hops: Hop[];
  timeline: TimelineEntry[];
  starts_at: Date | null;
  created_at: Generated<Date>;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  /** Where its escalation stands (migration 0018); null until its first escalation job ran. */
  escalation: EscalationRecord | null;
}

/** Why an alert does or does not escalate, and where it stands. */
export interface EscalationRecord {
  state: 'suppressed' | 'no-policy' | 'escalating' | 'done';
  policy: string | null;
  /** The planner's position (instants as ISO strings); the next job carries it and must match. */
  position: StoredPosition | null;
  /** The silence or maintenance window holding it while `suppressed`. */
  suppression: { kind: 'silence' | 'maintenance'; id: string } | null;
}

export interface EscalationCursorsTable {
  policy: string;
  cursors: Record<string, number>;
  updated_at: Generated<Date>;
}

export interface AlertLinkSecretTable {
  id: number;
  secret: string;
}

/** An accepted ingestion request, until it is applied to `alerts` (migration 0025). */
export interface AlertInboxTable {
  seq: Generated<string>;
  integration_id: string;
  integration_name: string;
  /** Deflated JSON (ingest/inbox-store.ts). */
  items: Uint8Array;
  received_at: Generated<Date>;
  failed_at: Date | null;
  error: string | null;
}

export interface AlertTables extends AuditTables {
  alert_integrations: IntegrationsTable;
  alerts: AlertsTable;
  alert_inbox: AlertInboxTable;
  alert_link_secret: AlertLinkSecretTable;
  alert_escalation_cursors: EscalationCursorsTable;
}
