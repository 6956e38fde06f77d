// Identity's manifest: people, teams, tokens and sessions, and who may do what.
import { defineModule } from '../../platform/module.ts';
import type { IdentityNeeds } from './identity-module.ts';
import type { Identity } from './index.ts';

export const identityModule = defineModule<IdentityNeeds, Identity>({
  name: 'identity',
  migrations: new URL('./migrations/', import.meta.url),
  commands: [
    {
      names: ['teams', 'users', 'tokens'],
      load: async () => (await import('./commands.ts')).registerIdentityCommands,
    },
    { names: ['login'], load: async () => (await import('./login-command.ts')).registerLoginCommand },
  ],
  create: async (platform, needs) => (await import('./identity-module.ts')).identityModuleOf(platform, needs),
});
