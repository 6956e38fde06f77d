// Ownership as a running module: an index of the catalog and its CODEOWNERS files, kept from the
// catalog's domain events, and who-owns over HTTP.
import type { PlatformServices, RunningModule } from '../../platform/module.ts';
import type { Catalog } from '../catalog/index.ts';
import { followCatalog } from './follow-catalog.ts';
import { createOwnershipService, type OwnershipService } from './ownership-service.ts';
import { ownershipView } from './who-owns/entity-fields.ts';
import { whoOwnsRoutes } from './who-owns-routes.ts';

export interface OwnershipNeeds {
  /** Where entities and CODEOWNERS files are read from. */
  catalog: Pick<
    Catalog,
    'loadEntities' | 'loadEntitiesByRef' | 'codeownersFiles' | 'sourceRepositories' | 'rejectedEntities'
  >;
}

export function ownershipModuleOf(
  platform: PlatformServices,
  { catalog }: OwnershipNeeds,
): Promise<RunningModule<OwnershipService>> {
  const ownership = createOwnershipService({
    loadEntities: () => catalog.loadEntities(ownershipView),
    loadEntitiesByRef: (refs) => catalog.loadEntitiesByRef(refs, ownershipView),
    loadCodeowners: async () =>
      (await catalog.codeownersFiles()).map((f) => ({
        repository: f.repository,
        file: f.path,
        text: f.content,
      })),
    loadRejections: (wanted) => catalog.rejectedEntities(wanted),
    loadRepositories: async () => (await catalog.sourceRepositories()).map((s) => s.repository),
    onRebuildFailed: (error) =>
      platform.logger.warn({ err: error }, 'the ownership index could not be rebuilt'),
  });
  // Kept from the catalog's events, entity by entity; rebuilt whole only at start or after missed events.
  followCatalog(platform.events, ownership);
  return Promise.resolve({ api: ownership, routes: [whoOwnsRoutes(ownership)] });
}
