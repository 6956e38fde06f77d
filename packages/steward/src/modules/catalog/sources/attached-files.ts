// Files an entity attaches by annotation (`steward.dev/slo-spec: ./slo.yaml`): read as `$text`
// placeholders are, from the entity's file's directory and only inside the source (links followed),
// so that another module can store what they say in the ingest's transaction. Several files are
// separated by commas. A file missing or outside the source is a problem on the entity, which stays.
// Files found beside the entities that declare a handler's kind join them, attached to no entity.
import { dirname, join, posix, resolve } from 'node:path';
import type { AttachedFile } from '../attachments.ts';
import { type CatalogEntity, type CatalogProblem, defaultMaxFileBytes } from '../engine/model.ts';
import { checkCharacters, decodeCatalogFile } from '../engine/parse.ts';
import { quoteToken } from '../engine/quote-token.ts';
import { createReporter } from '../engine/reporter.ts';
import type { ClaimedFile } from './find-files.ts';
import { type InsideRead, type InsideRefusal, outsideMessage, readInside } from './source-root.ts';

/**
 * What one read of a source may attach in all: specs are small, but a thousand entities naming one
 * large file would otherwise hold it a thousand times.
 */
export const attachedBudgetBytes = 64 * 1024 * 1024;

interface Attachment {
  entity: string;
  annotation: string;
  targets: string[];
  /** The entity's file as read, and as shown (from the source's root). */
  file: string;
  shown: string;
  line: number;
}

/** An annotation's files: several separated by commas. */
export function splitTargets(value: string): string[] {
  return value
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** A target that is a URL, never fetched: attached files are read from the source itself. */
export const isUrlTarget = (target: string) => /^[a-z][a-z0-9+.-]+:/i.test(target);

/** Collects, from entities as they are read, what they attach; reads the files once all are known. */
export function attachmentCollector(annotations: readonly string[], budgetBytes = attachedBudgetBytes) {
  const found: Attachment[] = [];
  return {
    add(entity: CatalogEntity, shown: string) {
      const values = (entity.metadata.annotations ?? {}) as Record<string, unknown>;
      for (const annotation of annotations) {
        const value = values[annotation];
        if (typeof value !== 'string') continue;
        const targets = splitTargets(value);
        const { file, line } = entity.source;
        found.push({ entity: entity.ref, annotation, targets, file, shown, line });
      }
    },
    read: (realRoot: string) => readAttachments(found, realRoot, budgetBytes),
  };
}

async function readAttachments(found: readonly Attachment[], realRoot: string, budgetBytes: number) {
  const files: AttachedFile[] = [];
  /** Every file an entity names, read or not: a file named is never also read as one beside. */
  const taken = new Set<string>();
  const problems: CatalogProblem[] = [];
  const reads = new Map<string, Promise<InsideRead>>();
  let remaining = budgetBytes;
  for (const a of found) {
    for (const target of a.targets) {
      const at = { severity: 'error' as const, file: a.shown, line: a.line, column: 1, entity: a.entity };
      const named = `${a.annotation} ${quoteToken(target)}`;
      if (isUrlTarget(target)) {
        const message = `${named} is a URL; Steward reads attached files only from the source itself: give a path relative to this file`;
        problems.push({ ...at, code: 'invalid-annotation', message });
        continue;
      }
      const path = resolve(dirname(resolve(a.file)), target);
      if (!reads.has(path)) reads.set(path, readInside(realRoot, path, defaultMaxFileBytes));
      const read = (await reads.get(path)) as InsideRead;
      const shown = posix.normalize(join(dirname(a.shown), target).split('\\').join('/'));
      taken.add(shown);
      if ('content' in read && read.content.length > remaining) {
        const limit = `${budgetBytes / 1024 / 1024} MiB`;
        const message = `${named} was not read: this source's entities already attach ${limit} of files, all one read takes; attach smaller files, or split the source`;
        problems.push({ ...at, code: 'file-too-large', message });
        continue;
      }
      if ('content' in read) {
        remaining -= read.content.length;
        const content = storableText(read.content, shown, a.entity, problems);
        if (content !== undefined)
          files.push({ entity: a.entity, annotation: a.annotation, path: shown, content });
        continue;
      }
      problems.push({ ...at, ...refusal(named, shown, read) });
    }
  }
  return { files, problems, named: taken };
}

function refusal(
  named: string,
  shown: string,
  read: InsideRefusal,
): Pick<CatalogProblem, 'code' | 'message'> {
  if (read.refused === 'outside')
    return { code: 'path-escapes-root', message: `${named} ${outsideMessage()}` };
  if (read.refused === 'too-large') {
    const limit = `${defaultMaxFileBytes / 1024 / 1024} MiB`;
    return {
      code: 'file-too-large',
      message: `${named} is ${read.size} bytes, over the ${limit} a file may be; split it`,
    };
  }
  const reason = read.refused === 'unreadable' ? `: ${read.reason}` : '';
  return {
    code: 'target-not-found',
    message: `${named} is not a readable file (looked for ${shown}${reason}); create it or correct the path`,
  };
}

/** Claimed files as attached to no entity, less those entities name (`attached`: paths as `shown` gives). */
export function besideFiles(
  claimed: readonly ClaimedFile[],
  attached: ReadonlySet<string>,
  shown: (file: string) => string,
): { files: AttachedFile[]; problems: CatalogProblem[] } {
  const named = new Set(attached);
  const files: AttachedFile[] = [];
  const problems: CatalogProblem[] = [];
  for (const c of claimed) {
    const path = shown(c.file);
    if (named.has(path)) continue;
    named.add(path);
    const content = storableText(c.content, path, null, problems);
    if (content !== undefined) files.push({ entity: null, annotation: c.annotation, path, content });
  }
  return { files, problems };
}

/**
 * A file's text as catalog files are read: UTF-8 with no NUL or lone surrogate (what the database
 * cannot store, and a handler might quote), else a problem where the character is and no text.
 */
function storableText(
  bytes: Uint8Array,
  path: string,
  entity: string | null,
  problems: CatalogProblem[],
): string | undefined {
  const reporter = createReporter(path, problems);
  reporter.entity = entity;
  const text = decodeCatalogFile(bytes, reporter);
  return text !== undefined && checkCharacters(text, reporter) ? text : undefined;
}
