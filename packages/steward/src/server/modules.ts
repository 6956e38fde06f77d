// Every module Steward runs, in the order they are created: a module may need the faces of those
// before it. The CLI takes its commands from here, the migrator its folders, compose.ts the rest.
import { fileURLToPath } from 'node:url';
import { catalogModule } from '../modules/catalog/module.ts';
import { identityModule } from '../modules/identity/module.ts';
import { ownershipModule } from '../modules/ownership/module.ts';

export { catalogModule, identityModule, ownershipModule };

export const modules = [identityModule, catalogModule, ownershipModule] as const;

/** The migration folders of every module (the platform's own are always applied). */
export const moduleMigrationFolders: string[] = modules.flatMap((m) =>
  m.migrations ? [fileURLToPath(m.migrations)] : [],
);
