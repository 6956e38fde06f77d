// Ownership's inputs read from catalog files and directories, for a server without a catalog store
// (and the CLI): the entities loadCatalog accepts, and the CODEOWNERS file of each directory given.
import { stat } from 'node:fs/promises';
import { loadCatalog } from '../catalog/index.ts';
import type { OwnershipSources } from './ownership-service.ts';
import { readRepoCodeowners } from './repo-codeowners.ts';
import type { CodeownersSource } from './who-owns/ownership-index.ts';

export interface FileSourceReport {
  path: string;
  entities: number;
  errors: number;
  warnings: number;
}

export function ownershipSourcesFromPaths(
  paths: readonly string[],
  onLoaded: (report: FileSourceReport) => void = () => {},
): OwnershipSources {
  return {
    async loadEntities() {
      if (paths.length === 0) return [];
      const catalog = await loadCatalog(paths);
      const report = {
        entities: catalog.entities.length,
        errors: catalog.errors.length,
        warnings: catalog.warnings.length,
      };
      onLoaded({ path: paths.join(', '), ...report });
      return catalog.entities;
    },
    async loadCodeowners() {
      const found: CodeownersSource[] = [];
      for (const path of paths) {
        const info = await stat(path).catch(() => undefined);
        if (!info?.isDirectory()) continue;
        const codeowners = await readRepoCodeowners(path);
        if (codeowners) found.push(codeowners);
      }
      return found;
    },
  };
}
