// The catalog's manifest: entities described as code, their sources, and the CLI that validates and
// imports them.
import { defineModule } from '../../platform/module.ts';
import type { AttachmentHandler } from './attachments.ts';
import type { Catalog, CatalogNeeds } from './catalog-module.ts';

/**
 * The manifest; `attachments` load what other modules read from a catalog (SLO specs), which
 * `steward catalog validate` checks and `steward catalog import` uploads with it.
 */
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
        load: async () => {
          const { registerCatalogImportCommand } = await import('./import-command.ts');
          const handlers = await attachments();
          return (program) => registerCatalogImportCommand(program, handlers);
        },
      },
      {
        names: ['sources'],
        load: async () => {
          const { registerSourceCommands } = await import('./source-commands.ts');
          const handlers = await attachments();
          return (program) => registerSourceCommands(program, handlers);
        },
      },
    ],
    create: async (platform, needs) => (await import('./catalog-module.ts')).catalogModuleOf(platform, needs),
  });
