// Identity and access: people, teams, memberships, API tokens, portal sessions, and who may do what.
// Other modules use the authenticator (through the app), the routes, the first-start admin and importOrg.
import type { Authenticator } from '../../platform/auth/principal.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logging.ts';
import type { RoutePlugin } from '../../server/app.ts';
import { createAuthenticator } from './authenticator.ts';
import { ensureFirstAdmin, type FirstAdmin } from './first-start.ts';
import { importOrg, type OrgImport, type OrgImportSummary } from './import-org.ts';
import { identityRoutes } from './routes.ts';
import { passwordSignIn } from './sign-in.ts';
import { throttled } from './sign-in-throttle.ts';
import type { IdentityTables } from './tables.ts';

export { actsAsAdmin } from './access.ts';
export { csrfHeader } from './authenticator.ts';
export type { FirstAdmin } from './first-start.ts';
export type { OrgImport, OrgImportSummary } from './import-org.ts';
export { type Org, orgFromEntities } from './org-from-entities.ts';
export { tokenPrefix } from './secrets.ts';
export { sessionCookieName } from './sessions.ts';

export interface Identity {
  authenticator: Authenticator;
  routes: RoutePlugin;
  /** On first start, creates the `admin` user and writes its token and password under dataDir. */
  ensureFirstAdmin(dataDir: string): Promise<FirstAdmin | null>;
  /** Idempotent upsert of teams, people and memberships (the demo loader), audited as `actor`. */
  importOrg(org: OrgImport, actor?: string): Promise<OrgImportSummary>;
}

export function createIdentity({ database, logger }: { database: Database; logger: Logger }): Identity {
  const db = database.kysely<IdentityTables>();
  return {
    authenticator: createAuthenticator(db),
    routes: identityRoutes(db, throttled(passwordSignIn(db))),
    ensureFirstAdmin: (dataDir) => ensureFirstAdmin(db, dataDir, logger),
    importOrg: (org, actor) => importOrg(db, org, actor),
  };
}
