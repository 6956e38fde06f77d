// Loads and validates a catalog from files and directories: finds the files, reads them a few at a
// time, validates each, follows Location targets to more files, checks that referenced files exist,
// then validates the set as a whole.
import { dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { type CatalogOptions, type CatalogProblem, defaultMaxFileBytes } from '../engine/model.ts';
import { quoteToken } from '../engine/quote-token.ts';
import { type CatalogValidation, createCatalogChecker, type FileCheck } from '../engine/validate-catalog.ts';
import { type FoundFile, findCatalogFiles, readCatalogFile } from './find-files.ts';
import { outsideMessage, placeOf } from './source-root.ts';

export interface LoadProgress {
  files: number;
  entities: number;
}

export interface LoadOptions extends CatalogOptions {
  onProgress?: (progress: LoadProgress) => void;
  /** Called with each read-ahead batch's file checks as soon as they are made (before the whole-set check). */
  onFilesChecked?: (checks: readonly FileCheck[]) => void;
}

export interface LoadedCatalog extends CatalogValidation {
  files: number;
  /** Files the fast YAML parser read (the rest went through the `yaml` package). */
  fastParsedFiles: number;
}

/** Files read concurrently: enough to hide disk latency, few enough to bound memory. */
const readAhead = 16;

export async function loadCatalog(
  paths: readonly string[],
  options: LoadOptions = {},
): Promise<LoadedCatalog> {
  const maxBytes = options.maxFileBytes ?? defaultMaxFileBytes;
  const checker = createCatalogChecker(options);
  const found = await findCatalogFiles(paths, maxBytes);
  const checks: FileCheck[] = found.problems.map(problemOnly);
  // A file named twice (or named and inside a directory named too) is read once.
  const seen = new Set<string>();
  const queue: FoundFile[] = [];
  for (const file of found.files) {
    const path = resolve(file.file);
    if (seen.has(path)) continue;
    seen.add(path);
    queue.push(file);
  }
  const progress: LoadProgress = { files: 0, entities: 0 };
  let fastParsedFiles = 0;
  // Location targets join the queue as it is worked through.
  for (let i = 0; i < queue.length; ) {
    const batch = queue.slice(i, i + readAhead);
    i += batch.length;
    const contents = await Promise.all(batch.map((f) => readCatalogFile(f, maxBytes)));
    const checked: FileCheck[] = [];
    for (const [j, read] of contents.entries()) {
      const file = batch[j] as FoundFile;
      if ('problem' in read) {
        checks.push(problemOnly(read.problem));
        continue;
      }
      const check = checker.checkFile({ file: file.file, root: file.root, content: read.content });
      await followReferences(check, file, queue, seen);
      checks.push(check);
      checked.push(check);
      if (check.fastParsed) fastParsedFiles++;
      progress.files++;
      progress.entities += check.entityCount;
      options.onProgress?.(progress);
    }
    if (checked.length > 0) options.onFilesChecked?.(checked);
  }
  return { ...checker.finish(checks), files: progress.files, fastParsedFiles };
}

/**
 * Referenced files must exist, inside the source once links are followed; a Location's targets are
 * queued to be read like any catalog file.
 */
async function followReferences(check: FileCheck, from: FoundFile, queue: FoundFile[], seen: Set<string>) {
  for (const reference of check.references) {
    const place = await placeOf(from.realRoot, reference.path);
    const at = { severity: 'error' as const, ...reference.position, entity: reference.entity };
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
      check.problems.push({
        ...at,
        code: 'target-not-found',
        message: `${quoteToken(reference.target)} is not a file (looked for ${shown(from.root, reference.path)}); create it or correct the path${optional}`,
      });
      continue;
    }
    if (!reference.follow || seen.has(reference.path)) continue;
    seen.add(reference.path);
    const file = normalize(join(dirname(check.file), reference.target));
    queue.push({ file, root: from.root, realRoot: from.realRoot });
  }
}

/** A path as the source names it: relative to its root (on a server, the root is the data directory's). */
function shown(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

function problemOnly(problem: CatalogProblem): FileCheck {
  return {
    file: problem.file,
    candidates: [],
    problems: [problem],
    entityCount: 0,
    references: [],
    fastParsed: false,
  };
}
