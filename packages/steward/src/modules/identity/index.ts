// Identity and access: who may sign in and do what. Teams and people are the catalog's Groups and Users
// (identity keeps a projection, following the catalog's events); credentials, roles and sessions are its own.
import type { Authenticator } from '../../platform/auth/principal.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RoutePlugin } from '../../platform/http/route-types.ts';
import type { Logger } from '../../platform/logging.ts';
import type { CredentialCheck } from '../../platform/realtime/index.ts';
import type { Catalog } from '../catalog/index.ts';
import { createAuthenticator } from './authenticator.ts';
import { type EndStreams, safeEndStreams } from './end-streams.ts';
import { ensureFirstAdmin, type FirstAdmin } from './first-start.ts';
import { importOrg, type OrgImport, type OrgImportSummary } from './import-org.ts';
import { checkStreamCredentials } from './live-credentials.ts';
import { type Project, projectCatalog } from './project-catalog.ts';
import { identityRoutes } from './routes.ts';
import { type PasswordCredentials, passwordSignIn, type SignInMethod } from './sign-in.ts';
import { createSignInThrottle } from './sign-in-throttle.ts';
import { findUserByHandle } from './store.ts';
import type { IdentityTables } from './tables.ts';

export { actsAsAdmin } from './access.ts';
export { csrfHeader } from './authenticator.ts';
export type { EndStreams } from './end-streams.ts';
export type { FirstAdmin } from './first-start.ts';
export type { OrgImport, OrgImportSummary } from './import-org.ts';
export { type Org, orgFromEntities } from './org-from-entities.ts';
export { tokenPrefix } from './secrets.ts';
export { sessionCookieName } from './sessions.ts';

export type PasswordCheck = SignInMethod<PasswordCredentials>;

export interface Identity {
  authenticator: Authenticator;
  routes: RoutePlugin;
  /** For the live channel: which open streams' credentials no longer hold. */
  checkStreamCredentials: CredentialCheck;
  /** On first start, creates the `admin` user and writes its token and password under dataDir. */
  ensureFirstAdmin(dataDir: string): Promise<FirstAdmin | null>;
  /** Idempotent upsert of teams, people and memberships, audited as `actor` (never removes). */
  importOrg(org: OrgImport, actor?: string): Promise<OrgImportSummary>;
  /** Makes teams, people and memberships match the catalog's Groups and Users now. */
  projectCatalog: Project;
  /** Whether someone has this handle (disabled people too): for modules keeping things per person. */
  hasPerson(handle: string): Promise<boolean>;
}

export interface IdentityDeps {
  database: Database;
  logger: Logger;
  /** The catalog's Groups and Users, which teams and people are. */
  catalog: Pick<Catalog, 'people'>;
  /** Given to people the catalog adds who have no password yet (the demo's shared password). */
  peoplePassword?: string | undefined;
  /** Closes the live-channel streams of credentials that ended (token revoked, signed out, …). */
  endStreams?: EndStreams | undefined;
  /** Tests only: wraps the password check, e.g. to count how many passwords were really checked. */
  wrapPasswordCheck?: ((check: PasswordCheck) => PasswordCheck) | undefined;
}

export function createIdentity(deps: IdentityDeps): Identity {
  const { database, logger, wrapPasswordCheck, catalog } = deps;
  const db = database.kysely<IdentityTables>();
  const check = passwordSignIn(db);
  const endStreams = safeEndStreams(logger, deps.endStreams);
  const project = projectCatalog({
    db,
    logger,
    listPeopleEntities: () => catalog.people.list(),
    password: deps.peoplePassword,
    endStreams,
  });
  const ctx = {
    db,
    logger,
    passwordCheck: wrapPasswordCheck ? wrapPasswordCheck(check) : check,
    throttle: createSignInThrottle(db),
    endStreams,
    people: catalog.people,
    project,
  };
  return {
    authenticator: createAuthenticator(db),
    routes: identityRoutes(ctx),
    checkStreamCredentials: checkStreamCredentials(db),
    ensureFirstAdmin: (dataDir) => ensureFirstAdmin(db, dataDir, logger),
    importOrg: (org, actor) => importOrg(db, org, actor),
    projectCatalog: project,
    hasPerson: async (handle) => (await findUserByHandle(db, handle)) !== undefined,
  };
}
