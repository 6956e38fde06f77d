// Loads and validates a catalog from files and directories: finds the files, reads them a few at a
// time, validates each, follows Location targets to more files, checks that referenced files exist,
// substitutes placeholders with what they name, then validates the set as a whole. A file that
// declares a kind another module reads (an SLO spec) is handed out as claimed instead.
import { resolve } from 'node:path';
import { claimOf, type FileClaim } from '../attachments.ts';
import { type CatalogOptions, type CatalogProblem, defaultMaxFileBytes } from '../engine/model.ts';
import {
  type CatalogValidation,
  createCatalogChecker,
  type FileCheck,
  type SlimCheck,
  slimCheck,
} from '../engine/validate-catalog.ts';
import { type ClaimedFile, type FoundFile, findCatalogFiles, readCatalogFile } from './find-files.ts';
import { followReferences } from './references.ts';
import { substitutePlaceholders, substitutionBudgetBytes } from './substitutions.ts';

export interface LoadProgress {
  files: number;
  entities: number;
}

export interface LoadOptions extends CatalogOptions {
  onProgress?: (progress: LoadProgress) => void;
  /** What placeholders may substitute in all, in bytes (default substitutionBudgetBytes). */
  substitutionBudgetBytes?: number;
  /**
   * Called with each read-ahead batch's file checks as soon as they are made (before the whole-set
   * check); reading goes on once what it answers settles (a writer that is behind holds the reader
   * back). The entities are then the caller's: the whole-set check keeps only what it reads of them
   * (`SlimCheck`), so the result's `entities` and `awaitingTargets` are empty, its `refs` are not.
   */
  onFilesChecked?: (checks: readonly FileCheck[]) => Promise<void> | void;
  /** Kinds of files other modules read (SLO specs): found beside the catalog or named, not read as entities. */
  claims?: readonly FileClaim[] | undefined;
}

export interface LoadedCatalog extends CatalogValidation {
  files: number;
  /** Files that declared a claimed kind, each once: those outside the catalog's selection first. */
  claimed: ClaimedFile[];
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
  const claims = options.claims ?? [];
  const found = await findCatalogFiles(paths, maxBytes, options.files, claims);
  const checks: (FileCheck | SlimCheck)[] = found.problems.map(problemOnly);
  // A file named twice (or named and inside a directory named too) is read once.
  const seen = new Set<string>(found.claimed.map((c) => resolve(c.file)));
  const claimed = [...found.claimed];
  const queue: FoundFile[] = [];
  for (const file of found.files) {
    const path = resolve(file.file);
    if (seen.has(path)) continue;
    seen.add(path);
    queue.push(file);
  }
  const progress: LoadProgress = { files: 0, entities: 0 };
  /** Streaming: the refs of every candidate read so far (refs to them need no checking at the end). */
  const refsRead = new Set<string>();
  let fastParsedFiles = 0;
  const follow = { queue, seen, templateContent: found.templateContent };
  const budget = { remainingBytes: options.substitutionBudgetBytes ?? substitutionBudgetBytes };
  // Location targets join the queue as it is worked through.
  for (let i = 0; i < queue.length; ) {
    const batch = queue.slice(i, i + readAhead);
    i += batch.length;
    const contents = await Promise.all(batch.map((f) => readCatalogFile(f, maxBytes)));
    const checked: FileCheck[] = [];
    const at: number[] = [];
    for (const [j, read] of contents.entries()) {
      const file = batch[j] as FoundFile;
      if ('problem' in read) {
        checks.push(problemOnly(read.problem));
        continue;
      }
      const annotation = claimOf(claims, read.content);
      if (annotation) {
        claimed.push({ ...file, content: read.content, annotation });
        continue;
      }
      const check = checker.checkFile({ file: file.file, root: file.root, content: read.content });
      await followReferences(check, file, follow);
      await substitutePlaceholders(check, file, maxBytes, budget);
      at.push(checks.push(check) - 1);
      checked.push(check);
      if (check.fastParsed) fastParsedFiles++;
      progress.files++;
      progress.entities += check.entityCount;
      options.onProgress?.(progress);
    }
    if (checked.length > 0 && options.onFilesChecked) {
      await options.onFilesChecked(checked);
      for (const check of checked)
        for (const candidate of check.candidates) refsRead.add(candidate.entity.ref);
      for (const index of at) checks[index] = slimCheck(checks[index] as FileCheck, refsRead);
    }
  }
  return { ...checker.finish(checks), files: progress.files, fastParsedFiles, claimed };
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
