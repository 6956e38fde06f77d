// The engine's catalog load, handing out each file's valid entities as soon as the file is checked,
// so they can be written while the rest is still read. An entity is handed out when it is valid and
// the first with its ref, as the whole-set check decides at the end. What `onEntities` answers is
// awaited before reading on: a writer that is behind holds the reader back, so memory stays bounded.

import type { FileClaim } from '../attachments.ts';
import type { CatalogEntity, CatalogOptions } from '../engine/model.ts';
import { type LoadedCatalog, type LoadProgress, loadCatalog } from './load.ts';

export interface StreamOptions extends CatalogOptions {
  onProgress?: (progress: LoadProgress) => void;
  onEntities: (entities: CatalogEntity[]) => Promise<void> | void;
  claims?: readonly FileClaim[] | undefined;
}

/** The load's result without entities: they were handed out; `refs` names those the whole set kept. */
export type StreamedCatalog = Omit<LoadedCatalog, 'entities' | 'awaitingTargets'>;

export function streamCatalog(paths: readonly string[], options: StreamOptions): Promise<StreamedCatalog> {
  const { onEntities, ...loadOptions } = options;
  const firstOfRef = new Set<string>();
  return loadCatalog(paths, {
    ...loadOptions,
    onFilesChecked: (checks) => {
      const ready: CatalogEntity[] = [];
      for (const check of checks) {
        for (const candidate of check.candidates) {
          const { ref } = candidate.entity;
          if (firstOfRef.has(ref)) continue;
          firstOfRef.add(ref);
          if (candidate.valid) ready.push(candidate.entity);
        }
      }
      return ready.length > 0 ? onEntities(ready) : undefined;
    },
  });
}
