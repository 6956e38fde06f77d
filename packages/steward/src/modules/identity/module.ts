// Identity's manifest: people, teams, tokens and sessions, and who may do what.
import { defineModule } from '../../platform/module.ts';
import type { EndStreams, Identity, PasswordCheck } from './index.ts';

export interface IdentityNeeds {
  /** Closes the live-channel streams of credentials that ended (token revoked, signed out, …). */
  endStreams: EndStreams;
  /** Tests only: wraps the password check, e.g. to count how many passwords were really checked. */
  wrapPasswordCheck?: ((check: PasswordCheck) => PasswordCheck) | undefined;
}

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
