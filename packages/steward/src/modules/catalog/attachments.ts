// What another module does with files catalog entities attach by annotation (the SLO module: its
// specs). The catalog reads the files inside the source; the handler stores what they say in the
// ingest's own transaction, so the catalog and what it attaches change together or not at all.
import type { Kysely } from 'kysely';
import type { CatalogProblem } from './engine/model.ts';
import type { AttachedFile } from './sources/attached-files.ts';

export type { AttachedFile };

export interface AttachmentHandler {
  /** The annotation naming the files, e.g. `steward.dev/slo-spec`. */
  annotation: string;
  /**
   * Replaces what the source attached before with these files (none: the source attaches nothing
   * now). Problems found in them join the source's problems; `file` is the attached file's path.
   */
  write(trx: Kysely<unknown>, sourceId: string, files: readonly AttachedFile[]): Promise<CatalogProblem[]>;
}
