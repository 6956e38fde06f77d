// The incidents module's tables, as Kysely sees them (migration 0020-incidents).
import type { Generated } from 'kysely';
import type { AuditTables } from '../../platform/audit/audit-log.ts';
import type { IncidentState } from './lifecycle.ts';

export type RoleName = 'commander' | 'communications' | 'operations' | 'scribe';
export type Roles = Partial<Record<RoleName, string>>;

export interface IncidentsTable {
  id: string;
  seq: Generated<string>;
  title: string;
  severity: string;
  state: IncidentState;
  services: string[];
  teams: string[];
  roles: Roles;
  merged_into: string | null;
  created_by: string;
  created_at: Generated<Date>;
  started_at: Date;
  acknowledged_at: Date | null;
  mitigated_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  next_update_at: Date | null;
  updated_at: Generated<Date>;
}

export interface IncidentAlertsTable {
  incident_id: string;
  alert_id: string;
  purpose: 'attached' | 'commander-page';
  attached_by: string;
  attached_at: Generated<Date>;
}

export interface IncidentTimelineTable {
  id: string;
  seq: Generated<string>;
  incident_id: string;
  at: Date;
  type: string;
  actor: string;
  text: string;
  dedup_key: string | null;
  edited_at: Date | null;
}

export interface IncidentStatusUpdatesTable {
  id: string;
  incident_id: string;
  at: Date;
  author: string;
  state: string;
  summary: string;
}

export interface IncidentPostmortemsTable {
  incident_id: string;
  markdown: string;
  version: number;
  updated_by: string;
  updated_at: Date;
}

export interface IncidentFollowUpsTable {
  id: string;
  incident_id: string;
  title: string;
  owner: string;
  due: string;
  done_at: Date | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface IncidentTables extends AuditTables {
  incidents: IncidentsTable;
  incident_alerts: IncidentAlertsTable;
  incident_timeline: IncidentTimelineTable;
  incident_status_updates: IncidentStatusUpdatesTable;
  incident_postmortems: IncidentPostmortemsTable;
  incident_follow_ups: IncidentFollowUpsTable;
}
