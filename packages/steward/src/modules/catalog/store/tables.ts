// The catalog's tables as Kysely sees them (created by migrations 0006-catalog and 0008).
import type { Generated, Kysely } from 'kysely';
import type { AuditTables } from '../../../platform/audit/audit-log.ts';

export type SourceKind = 'dir' | 'git' | 'upload' | 'api';
export type SourceStatus = 'pending' | 'ok' | 'errors' | 'failed';
export type HistoryChange = 'created' | 'updated' | 'deleted';

export interface CatalogSourcesTable {
  id: string;
  kind: SourceKind;
  target: string;
  name: string;
  revision: string | null;
  /** The repository the source is (origin URL, git URL or the source's name); null until first read. */
  repository: string | null;
  /** Where the source's root is inside its repository: '' for the top (migration 0011). */
  repository_path: Generated<string>;
  last_ingested_at: Date | null;
  status: Generated<SourceStatus>;
  message: string | null;
  entity_count: Generated<number>;
  error_count: Generated<number>;
  warning_count: Generated<number>;
  created_at: Generated<Date>;
}

export interface CatalogEntitiesTable {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  source_id: string;
  file: string | null;
  line: number | null;
  content_hash: string;
  body: unknown;
  primary_owner_ref: string | null;
  tier: string | null;
  lifecycle: string | null;
  tags: string[];
  title: string | null;
  description: string | null;
  runbook: string | null;
  search: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CatalogOwnersTable {
  owner_ref: string;
  entity_ref: string;
  role: string;
  line: number | null;
  column: number | null;
}

/** A relation as declared: its inverse is the same row read from the target's side. */
export interface CatalogRelationsTable {
  source_ref: string;
  type: string;
  target_ref: string;
}

export interface CatalogProblemsTable {
  id: Generated<string>;
  source_id: string;
  entity_ref: string | null;
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  /** A dangling ref's target: the problem is shown only while no entity has that ref. */
  target_ref: string | null;
}

export interface CatalogHistoryTable {
  id: Generated<string>;
  entity_ref: string;
  at: Generated<Date>;
  actor: string;
  revision: string | null;
  change: HistoryChange;
  before: unknown;
  after: unknown;
}

export interface CatalogCodeownersTable {
  source_id: string;
  path: string;
  content: string;
  repository: string | null;
}

/** A file of an upload source, as uploaded (created by migration 0008-catalog-upload-files). */
export interface CatalogUploadFilesTable {
  source_id: string;
  path: string;
  content: Uint8Array;
}

export interface CatalogTables extends AuditTables {
  catalog_sources: CatalogSourcesTable;
  catalog_entities: CatalogEntitiesTable;
  catalog_owners: CatalogOwnersTable;
  catalog_relations: CatalogRelationsTable;
  catalog_problems: CatalogProblemsTable;
  catalog_history: CatalogHistoryTable;
  catalog_codeowners: CatalogCodeownersTable;
  catalog_upload_files: CatalogUploadFilesTable;
}

export type CatalogDb = Kysely<CatalogTables>;

export type SourceRow = {
  [K in keyof CatalogSourcesTable]: CatalogSourcesTable[K] extends Generated<infer T>
    ? T
    : CatalogSourcesTable[K];
};
