// The catalog's manifest: entities described as code, their sources, and the CLI that validates and
// imports them.
import { defineModule } from '../../platform/module.ts';
import type { Catalog, CatalogNeeds } from './catalog-module.ts';

export const catalogModule = defineModule<CatalogNeeds, Catalog>({
  name: 'catalog',
  migrations: new URL('./migrations/', import.meta.url),
  commands: [
    { names: ['catalog'], load: async () => (await import('./commands.ts')).registerCatalogCommands },
    {
      names: ['catalog'],
      load: async () => (await import('./import-command.ts')).registerCatalogImportCommand,
    },
    { names: ['sources'], load: async () => (await import('./source-commands.ts')).registerSourceCommands },
  ],
  create: async (platform, needs) => (await import('./catalog-module.ts')).catalogModuleOf(platform, needs),
});
