// Ownership's manifest: who owns a path, a service or any thing, and why; CODEOWNERS offline.
import { defineModule } from '../../platform/module.ts';
import type { OwnershipService } from './index.ts';
import type { OwnershipNeeds } from './ownership-module.ts';

export const ownershipModule = defineModule<OwnershipNeeds, OwnershipService>({
  name: 'ownership',
  commands: [
    { names: ['who-owns'], load: async () => (await import('./who-owns-command.ts')).registerWhoOwnsCommand },
    { names: ['codeowners'], load: async () => (await import('./commands.ts')).registerOwnershipCommands },
  ],
  create: async (platform, needs) =>
    (await import('./ownership-module.ts')).ownershipModuleOf(platform, needs),
});
