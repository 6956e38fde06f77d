// What `steward catalog validate` checks of the files other modules read from a catalog (SLO specs):
// those the entities read attach by annotation and those found beside them, read as an ingest reads
// them (inside each PATH, links followed) and judged by their handlers against the entities read.
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { AttachedFile, AttachmentHandler } from '../attachments.ts';
import type { CatalogProblem } from '../engine/model.ts';
import { attachmentCollector, besideFiles } from './attached-files.ts';
import type { LoadedCatalog } from './load.ts';
import { isInside, realRootOf } from './source-root.ts';

export async function checkAttachedOffline(
  paths: readonly string[],
  loaded: LoadedCatalog,
  handlers: readonly AttachmentHandler[],
): Promise<CatalogProblem[]> {
  if (handlers.length === 0) return [];
  const annotations = handlers.map((h) => h.annotation);
  const roots = await Promise.all(
    paths.map(async (path) => {
      const directory = (await stat(path)).isDirectory();
      return {
        root: resolve(directory ? path : dirname(path)),
        realRoot: await realRootOf(path, directory),
        collector: attachmentCollector(annotations),
      };
    }),
  );
  // The innermost PATH holding an entity's file is its source.
  const byDepth = [...roots].sort((a, b) => b.root.length - a.root.length);
  const entities = [...loaded.entities, ...loaded.awaitingTargets];
  for (const entity of entities) {
    const holder = byDepth.find((r) => isInside(r.root, resolve(entity.source.file)));
    holder?.collector.add(entity, entity.source.file);
  }
  const files: AttachedFile[] = [];
  const problems: CatalogProblem[] = [];
  const named = new Set<string>();
  for (const { collector, realRoot } of roots) {
    const read = await collector.read(realRoot);
    files.push(...read.files);
    for (const path of read.named) named.add(path);
    problems.push(...read.problems);
  }
  const beside = besideFiles(loaded.claimed, named, (file) => file);
  files.push(...beside.files);
  problems.push(...beside.problems);
  const refs = new Set(entities.map((e) => e.ref));
  for (const handler of handlers)
    problems.push(
      ...handler.check(
        files.filter((f) => f.annotation === handler.annotation),
        refs,
      ),
    );
  return problems;
}
