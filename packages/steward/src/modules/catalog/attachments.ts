// What another module does with files the catalog reads for it (the SLO module: its specs): those
// entities attach by annotation, and those of its kind found beside the entities in a source, known by
// what they declare. The catalog reads the files inside the source; the handler stores what they say
// in the ingest's own transaction, so the catalog and what it attaches change together or not at all.
import type { Kysely } from 'kysely';
import type { CatalogProblem } from './engine/model.ts';

/** A file an entity attached by annotation, or found beside the entities, as read. */
export interface AttachedFile {
  /** The attaching entity's ref; null for a file found beside the entities (it names its own). */
  entity: string | null;
  annotation: string;
  /** The file's path from the source's root, `/`-separated, as problems name it. */
  path: string;
  content: string;
}

/** The catalog as a handler may see it while a source is written. */
export interface AttachmentCatalog {
  /** Of these refs (lower case), those the catalog holds once this source is written. */
  existing(refs: readonly string[]): Promise<Set<string>>;
  /** Refs of the entities this source holds once written. */
  sourceRefs: ReadonlySet<string>;
}

export interface AttachmentHandler {
  /** The annotation naming the files, e.g. `steward.dev/slo-spec`; also what names the handler. */
  annotation: string;
  /**
   * What a YAML file of this handler's kind declares on a line of its own at the top level (e.g.
   * `apiVersion: openslo/v1`), tested on the file's first 4 KiB: such a file found in a source is
   * read for the handler (with `entity: null`) rather than as catalog entities, unless it declares
   * an entity too. Without it, only files named by the annotation are read.
   */
  declares?: RegExp | undefined;
  /**
   * Replaces what the source attached before with these files (none: the source attaches nothing
   * now). Problems found in them join the source's problems; `file` is the attached file's path.
   */
  write(
    trx: Kysely<unknown>,
    sourceId: string,
    files: readonly AttachedFile[],
    catalog: AttachmentCatalog,
  ): Promise<CatalogProblem[]>;
  /** Offline (`steward catalog validate`): the problems of these files, the catalog being `refs`. */
  check(files: readonly AttachedFile[], refs: ReadonlySet<string>): CatalogProblem[];
}

/** A kind of file a read looks for beside the entities, and the handler it is for. */
export interface FileClaim {
  annotation: string;
  declares: RegExp;
}

/** How much of a file is read to learn whether it declares a claimed kind. */
export const claimHeadBytes = 4096;

/** A catalog entity's own apiVersion: a file declaring one stays the catalog's, whatever else it holds. */
const entityApiVersion = /^apiVersion:[ \t]*["']?(backstage\.io|steward\.dev|scaffolder\.backstage\.io)\//m;

/**
 * The handler a file's content declares itself for, if any. A file that also declares a catalog
 * entity is not claimed: its entities are read (and what else it holds reported), never dropped.
 */
export function claimOf(claims: readonly FileClaim[], content: Uint8Array): string | undefined {
  if (claims.length === 0) return undefined;
  const head = Buffer.from(content.buffer, content.byteOffset, Math.min(content.length, claimHeadBytes));
  const text = head.toString('utf8');
  const claim = claims.find((c) => c.declares.test(text));
  return claim && !entityApiVersion.test(text) ? claim.annotation : undefined;
}

export function claimsOf(handlers: readonly AttachmentHandler[]): FileClaim[] {
  return handlers.flatMap((h) => (h.declares ? [{ annotation: h.annotation, declares: h.declares }] : []));
}
