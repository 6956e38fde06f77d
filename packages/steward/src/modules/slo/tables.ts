// The SLO module's table, as Kysely sees it (migration 0024-slos).
import type { Generated, Kysely } from 'kysely';

export interface SlosTable {
  /** Sloth's id, `<service>-<name>`: what `sloth_id` says on every series and alert. */
  id: string;
  source_id: string;
  /** The entity attaching the spec: the SLO's service. */
  entity: string;
  /** The spec file, from its source's root, and the SLO's line in it. */
  file: string;
  line: number;
  name: string;
  sloth_service: string;
  description: string;
  /** Percent. */
  objective: number;
  period_ms: number;
  spec: string;
  rule_groups: string[];
  /** This SLO's Prometheus rules document, as `steward slo generate` writes it. */
  rules: string;
  updated_at: Generated<Date>;
}

export interface SloTables {
  slo_slos: SlosTable;
}

export type SloDb = Kysely<SloTables>;

/** A row as an ingest writes it (the store stamps `updated_at`). */
export type SloRow = Omit<SlosTable, 'updated_at'>;
