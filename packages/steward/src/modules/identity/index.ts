// Identity and access: people, teams, memberships, API tokens, portal sessions, and who may do what.
// Other modules use the authenticator (through the app), the routes, the first-start admin and importOrg.
import type { Authenticator } from '../../platform/auth/principal.ts';
import type { Database } from '../../platform/db/database.ts';
import type { RoutePlugin } from '../../platform/http/route-types.ts';
import type { Logger } from '../../platform/logging.ts';
import type { CredentialCheck } from '../../platform/realtime/index.ts';
import { createAuthenticator } from './authenticator.ts';
import { type EndStreams, safeEndStreams } from './context.ts';
import { ensureFirstAdmin, type FirstAdmin } from './first-start.ts';
import { importOrg, type OrgImport, type OrgImportSummary } from './import-org.ts';
import { checkStreamCredentials } from './live-credentials.ts';
import { identityRoutes } from './routes.ts';
import { type PasswordCredentials, passwordSignIn, type SignInMethod } from './sign-in.ts';
import { createSignInThrottle } from './sign-in-throttle.ts';
import type { IdentityTables } from './tables.ts';

export { actsAsAdmin } from './access.ts';
export { csrfHeader } from './authenticator.ts';
export type { EndStreams } from './context.ts';
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
  /** Idempotent upsert of teams, people and memberships (the demo loader), audited as `actor`. */
  importOrg(org: OrgImport, actor?: string): Promise<OrgImportSummary>;
}

export interface IdentityDeps {
  database: Database;
  logger: Logger;
  /** Closes the live-channel streams of credentials that ended (token revoked, signed out, …). */
  endStreams?: EndStreams | undefined;
  /** Tests only: wraps the password check, e.g. to count how many passwords were really checked. */
  wrapPasswordCheck?: ((check: PasswordCheck) => PasswordCheck) | undefined;
}

export function createIdentity({ database, logger, endStreams, wrapPasswordCheck }: IdentityDeps): Identity {
  const db = database.kysely<IdentityTables>();
  const check = passwordSignIn(db);
  const ctx = {
    db,
    logger,
    passwordCheck: wrapPasswordCheck ? wrapPasswordCheck(check) : check,
    throttle: createSignInThrottle(db),
    endStreams: safeEndStreams(logger, endStreams),
  };
  return {
    authenticator: createAuthenticator(db),
    routes: identityRoutes(ctx),
    checkStreamCredentials: checkStreamCredentials(db),
    ensureFirstAdmin: (dataDir) => ensureFirstAdmin(db, dataDir, logger),
    importOrg: (org, actor) => importOrg(db, org, actor),
  };
}
