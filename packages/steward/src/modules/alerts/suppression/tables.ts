// The suppression tables, as Kysely sees them (migration 0017-alert-suppression).
import type { Generated, Kysely } from 'kysely';
import type { AuditTables } from '../../../platform/audit/audit-log.ts';
import type { Database } from '../../../platform/db/database.ts';
import type { Matcher } from './matchers.ts';

export interface AlertSilencesTable {
  id: string;
  matchers: Matcher[];
  starts_at: Date;
  ends_at: Date | null;
  until_resolved: boolean;
  until_resolved_alert: string | null;
  comment: string;
  created_by: string;
  created_at: Generated<Date>;
  expired_by: string | null;
}

export interface MaintenanceWindowsTable {
  id: string;
  service: string;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  created_by: string;
  created_at: Generated<Date>;
  ended_by: string | null;
}

export interface SuppressionTables extends AuditTables {
  alert_silences: AlertSilencesTable;
  maintenance_windows: MaintenanceWindowsTable;
}

/** The database, or a transaction the caller (the alerts module) already holds. */
export type SuppressionDb = Kysely<SuppressionTables>;

/**
 * What the alerts module may pass: the platform's Database, or its own Kysely or transaction (typed by
 * its tables, which every module's Kysely is over the one same database).
 */
// biome-ignore lint/suspicious/noExplicitAny: another module's Kysely, whatever tables it is typed by.
export type AnyDb = Database | Kysely<any>;

export function suppressionDb(db: AnyDb): SuppressionDb {
  return ('kysely' in db && typeof db.kysely === 'function' ? db.kysely() : db) as SuppressionDb;
}
