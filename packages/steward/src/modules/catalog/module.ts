// The catalog's manifest: entities described as code, their sources, and the CLI that validates and
// imports them.
import { defineModule } from '../../platform/module.ts';
import type { AttachmentHandler } from './attachments.ts';
import type { Catalog, CatalogNeeds } from './catalog-module.ts';

/** The manifest, `attachments` loading what `steward catalog validate` checks with the catalog (SLO specs). */
export const catalogModuleWith = (attachments: () => Promise<readonly AttachmentHandler[]>) =>
  defineModule<CatalogNeeds, Catalog>({
    name: 'catalog',
    migrations: new URL('./migrations/', import.meta.url),
    commands: [
      {
        names: ['catalog'],
        load: async () => {
          const { registerCatalogCommands } = await import('./commands.ts');
          const handlers = await attachments();
          return (program) => registerCatalogCommands(program, handlers);
        },
      },
      {
        names: ['catalog'],
        load: async () => (await import('./import-command.ts')).registerCatalogImportCommand,
      },
      { names: ['sources'], load: async () => (await import('./source-commands.ts')).registerSourceCommands },
    ],
    create: async (platform, needs) => (await import('./catalog-module.ts')).catalogModuleOf(platform, needs),
  });
