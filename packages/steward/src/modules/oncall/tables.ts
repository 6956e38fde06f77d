// The on-call module's tables, as Kysely sees them (migrations 0014-oncall, 0023-oncall-gap-notices).
import type { Generated, Kysely } from 'kysely';
import type { AuditTables } from '../../platform/audit/audit-log.ts';

export interface OverridesTable {
  id: string;
  schedule_ref: string;
  user_ref: string;
  starts_at: Date;
  ends_at: Date;
  /** Set on the two overrides a swap made together. */
  swap_id: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface CalendarFeedsTable {
  id: string;
  /** SHA-256 (hex) of the feed's token; the token itself is shown once and never kept. */
  token_hash: string;
  schedule_ref: string | null;
  user_ref: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface ShiftNoticesTable {
  user_ref: string;
  schedule_ref: string;
  starts_at: Date;
  sent_at: Generated<Date>;
}

export interface GapNoticesTable {
  schedule_ref: string;
  starts_at: Date;
  ends_at: Date;
  told_at: Generated<Date>;
}

export interface OncallTables extends AuditTables {
  oncall_gap_notices: GapNoticesTable;
  oncall_overrides: OverridesTable;
  oncall_shift_notices: ShiftNoticesTable;
  oncall_calendar_feeds: CalendarFeedsTable;
}

export type OncallDb = Kysely<OncallTables>;
