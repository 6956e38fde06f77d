// Identity as a running module: its face, routes, the `team` topic with who may follow it, and the
// projection of the catalog's Groups and Users kept from the catalog's events.
import type { PlatformServices, RunningModule } from '../../platform/module.ts';
import type { Catalog } from '../catalog/index.ts';
import { actsAsAdmin } from './access.ts';
import { followCatalog } from './follow-catalog.ts';
import { createIdentity, type EndStreams, type Identity, type PasswordCheck } from './index.ts';

export interface IdentityNeeds {
  /** Teams and people are the catalog's Groups and Users: read, and written through its face. */
  catalog: Pick<Catalog, 'people'>;
  /** Given to people the catalog adds who have no password yet (the demo's shared password). */
  peoplePassword?: string | undefined;
  /** Closes the live-channel streams of credentials that ended (token revoked, signed out, …). */
  endStreams: EndStreams;
  /** Tests only: wraps the password check, e.g. to count how many passwords were really checked. */
  wrapPasswordCheck?: ((check: PasswordCheck) => PasswordCheck) | undefined;
  /** Where the first admin's token and password are written on first start; none: no first admin. */
  firstAdminDir?: string | undefined;
}

/** The running module for the composition root (see module.ts). */
export function identityModuleOf(
  platform: PlatformServices,
  needs: IdentityNeeds,
): Promise<RunningModule<Identity>> {
  const { firstAdminDir, ...deps } = needs;
  const identity = createIdentity({ database: platform.database, logger: platform.logger, ...deps });
  followCatalog(platform.events, identity.projectCatalog, platform.logger);
  return Promise.resolve({
    api: identity,
    routes: [identity.routes],
    topics: [
      {
        kind: 'team',
        authorise: (principal, name) =>
          actsAsAdmin(principal) || (name !== undefined && principal.teams.includes(name))
            ? null
            : `only members of team ${name ?? '(none named)'} and admins may follow team:${name ?? ''}`,
        about:
          '`team:<name>`: kept for changes to that team (none is published on it yet); its members and admins may follow it',
      },
    ],
    async start() {
      if (firstAdminDir) await identity.ensureFirstAdmin(firstAdminDir);
      // Catches up with what the catalog changed while no server followed it.
      await identity.projectCatalog();
    },
  });
}
