// The engine's catalog load (loadCatalog: find files, read a few at a time, check each, follow
// Location targets, then check the set as a whole), handing out each file's valid entities as soon
// as the file is checked, so they can be written while the rest is still read. An entity is handed
// out when it is valid and the first with its ref, as the whole-set check decides at the end.
// (A file-checked hook in loadCatalog would let this be a call rather than a twin.)
import { stat } from 'node:fs/promises';
import { dirname, join, normalize, resolve } from 'node:path';
import { type FoundFile, findCatalogFiles, readCatalogFile } from '../files.ts';
import type { LoadedCatalog, LoadProgress } from '../load.ts';
import {
  type CatalogEntity,
  type CatalogOptions,
  type CatalogProblem,
  defaultMaxFileBytes,
} from '../model.ts';
import { createCatalogChecker, type FileCheck } from '../validate-catalog.ts';

export interface StreamOptions extends CatalogOptions {
  onProgress?: (progress: LoadProgress) => void;
  onEntities: (entities: CatalogEntity[]) => void;
}

/** Files read concurrently, as loadCatalog reads them. */
const readAhead = 16;

export async function streamCatalog(
  paths: readonly string[],
  options: StreamOptions,
): Promise<LoadedCatalog> {
  const maxBytes = options.maxFileBytes ?? defaultMaxFileBytes;
  const checker = createCatalogChecker(options);
  const found = await findCatalogFiles(paths, maxBytes);
  const checks: FileCheck[] = found.problems.map(problemOnly);
  const seen = new Set<string>();
  const queue: FoundFile[] = [];
  for (const file of found.files) {
    const path = resolve(file.file);
    if (seen.has(path)) continue;
    seen.add(path);
    queue.push(file);
  }
  const firstOfRef = new Set<string>();
  const progress: LoadProgress = { files: 0, entities: 0 };
  let fastParsedFiles = 0;
  for (let i = 0; i < queue.length; ) {
    const batch = queue.slice(i, i + readAhead);
    i += batch.length;
    const contents = await Promise.all(batch.map((f) => readCatalogFile(f, maxBytes)));
    const ready: CatalogEntity[] = [];
    for (const [j, read] of contents.entries()) {
      const file = batch[j] as FoundFile;
      if ('problem' in read) {
        checks.push(problemOnly(read.problem));
        continue;
      }
      const check = checker.checkFile({ file: file.file, root: file.root, content: read.content });
      await followReferences(check, file, queue, seen);
      checks.push(check);
      for (const candidate of check.candidates) {
        const { ref } = candidate.entity;
        if (firstOfRef.has(ref)) continue;
        firstOfRef.add(ref);
        if (candidate.valid) ready.push(candidate.entity);
      }
      if (check.fastParsed) fastParsedFiles++;
      progress.files++;
      progress.entities += check.entityCount;
    }
    if (ready.length > 0) options.onEntities(ready);
    options.onProgress?.(progress);
  }
  return { ...checker.finish(checks), files: progress.files, fastParsedFiles };
}

/** As loadCatalog: referenced files must exist; a Location's targets are queued like any catalog file. */
async function followReferences(check: FileCheck, from: FoundFile, queue: FoundFile[], seen: Set<string>) {
  for (const reference of check.references) {
    const info = await stat(reference.path).catch(() => undefined);
    if (!info?.isFile()) {
      if (!reference.required) continue;
      const optional = reference.follow ? ', or mark the Location presence: optional' : '';
      check.problems.push({
        severity: 'error',
        ...reference.position,
        entity: reference.entity,
        code: 'target-not-found',
        message: `"${reference.target}" is not a file (looked for ${reference.path}); create it or correct the path${optional}`,
      });
      continue;
    }
    if (!reference.follow || seen.has(reference.path)) continue;
    seen.add(reference.path);
    queue.push({ file: normalize(join(dirname(check.file), reference.target)), root: from.root });
  }
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
