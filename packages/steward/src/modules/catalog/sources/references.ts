// What a checked file points at, followed on disk: referenced files must exist inside the source once
// links are followed; a Location's targets (a glob's matches too) join the queue of catalog files.
// A file already queued is not queued again, so Locations that point at each other are read once.
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { FileReference } from '../engine/file-references.ts';
import type { CatalogProblem } from '../engine/model.ts';
import { quoteToken } from '../engine/quote-token.ts';
import type { FileCheck } from '../engine/validate-catalog.ts';
import type { FoundFile } from './find-files.ts';
import { compileGlob } from './globs.ts';
import { outsideMessage, placeOf } from './source-root.ts';
import { isTemplateContent } from './template-content.ts';
import { walkTree } from './walk-tree.ts';

export interface FollowContext {
  queue: FoundFile[];
  /** Absolute paths already queued. */
  seen: Set<string>;
  /** What Templates fetch: never catalog files, even when a glob matches them. */
  templateContent: readonly string[];
  /** Directories already listed for globs: many Locations naming one folder walk it once. */
  listings?: Listings;
}

export async function followReferences(check: FileCheck, from: FoundFile, context: FollowContext) {
  for (const reference of check.references) {
    const at = { severity: 'error' as const, ...reference.position, entity: reference.entity };
    if (reference.glob) {
      await followGlob(reference, check, from, context);
      continue;
    }
    const place = await placeOf(from.realRoot, reference.path);
    if (place.placement === 'outside') {
      const what = place.info?.isDirectory() ? 'directory' : 'file';
      const message = `${quoteToken(reference.target)} ${outsideMessage(what)}`;
      check.problems.push({ ...at, code: 'path-escapes-root', message });
      // As with a path written to leave the root: the entity pointing out is not kept.
      for (const candidate of check.candidates)
        if (candidate.entity.ref === reference.entity) candidate.valid = false;
      continue;
    }
    if (place.placement === 'missing' || !place.info.isFile()) {
      if (!reference.required) continue;
      const optional = reference.follow ? ', or mark the Location presence: optional' : '';
      const what = reference.substitution ? `${reference.substitution.key} ` : '';
      check.problems.push({
        ...at,
        code: 'target-not-found',
        message: `${what}${quoteToken(reference.target)} is not a file (looked for ${shown(from.root, reference.path)}); create it or correct the path${optional}`,
      });
      continue;
    }
    if (!reference.follow || context.seen.has(reference.path)) continue;
    context.seen.add(reference.path);
    const file = join(dirname(check.file), reference.target);
    context.queue.push({ file, root: from.root, realRoot: from.realRoot });
  }
}

/** Every file inside the source matching a glob target, queued; none (unless optional) is a problem. */
async function followGlob(
  reference: FileReference,
  check: FileCheck,
  from: FoundFile,
  context: FollowContext,
) {
  const problem = (code: CatalogProblem['code'], message: string) =>
    check.problems.push({
      severity: 'error',
      ...reference.position,
      entity: reference.entity,
      code,
      message,
    });
  context.listings ??= new Map();
  const expanded = await expandGlob(reference.path, from, context.templateContent, context.listings);
  if ('invalid' in expanded) {
    problem(
      'invalid-value',
      `${quoteToken(reference.target)} is not a glob Steward can read: ${expanded.invalid}`,
    );
    return;
  }
  for (const path of expanded.outside)
    problem('path-escapes-root', `${quoteToken(shown(from.root, path))} ${outsideMessage()}`);
  if (expanded.matches.length === 0 && reference.required) {
    problem(
      'target-not-found',
      `no file matches ${quoteToken(reference.target)} (looked for ${shown(from.root, reference.path)}); correct the pattern, or mark the Location presence: optional`,
    );
  }
  const fileDirectory = dirname(resolve(check.file));
  for (const path of expanded.matches) {
    if (context.seen.has(path)) continue;
    context.seen.add(path);
    const file = join(dirname(check.file), relative(fileDirectory, path));
    context.queue.push({ file, root: from.root, realRoot: from.realRoot });
  }
}

export type GlobExpansion = { matches: string[]; outside: string[] } | { invalid: string };

/**
 * The files inside the source (links followed, Template content left out) matching a pattern given as
 * an absolute path; matching links that lead out of the source are listed apart, never followed.
 */
export async function expandGlob(
  pattern: string,
  from: Pick<FoundFile, 'root' | 'realRoot'>,
  templateContent: readonly string[],
  listings: Listings = new Map(),
): Promise<GlobExpansion> {
  const compiled = compileGlob(shown(from.root, pattern));
  if (!compiled.ok) return { invalid: compiled.message };
  const { glob } = compiled;
  const directory = join(from.root, glob.base);
  let listing = listings.get(directory);
  if (!listing) {
    listing = listDirectory(directory, from.realRoot);
    listings.set(directory, listing);
  }
  const { files, outside } = await listing;
  // As Backstage's glob reads it: a wildcard does not match a hidden file unless the pattern names one.
  const hiddenToo = hidden(shown(from.root, pattern));
  const matching = (path: string) => {
    const inside = shown(from.root, path);
    return glob.matches(inside) && (hiddenToo || !hidden(inside));
  };
  return {
    matches: files.filter((path) => matching(path) && !isTemplateContent(path, templateContent)),
    outside: outside.filter(matching),
  };
}

const hidden = (path: string) => /(^|\/)\./.test(path.replace(/^(\.\/)+/, ''));

export type Listings = Map<string, Promise<{ files: string[]; outside: string[] }>>;

async function listDirectory(directory: string, realRoot: string) {
  const files: string[] = [];
  const outside: string[] = [];
  await walkTree(directory, {
    realRoot,
    onFile: (path) => void files.push(path),
    onOutside: (path) => void outside.push(path),
    onUnreadable: () => {},
  });
  return { files, outside };
}

/** A path as the source names it: relative to its root (on a server, the root is the data directory's). */
export function shown(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
