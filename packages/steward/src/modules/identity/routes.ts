// Every HTTP route of the identity module, for the composition root to register.
import type { RoutePlugin } from '../../server/app.ts';
import { auditRoutes } from './audit-routes.ts';
import { authRoutes } from './auth-routes.ts';
import type { PasswordCredentials, SignInMethod } from './sign-in.ts';
import type { Db } from './store.ts';
import { teamRoutes } from './team-routes.ts';
import { tokenRoutes } from './token-routes.ts';
import { userRoutes } from './user-routes.ts';

export function identityRoutes(db: Db, passwordSignIn: SignInMethod<PasswordCredentials>): RoutePlugin {
  return (app) => {
    authRoutes(db, passwordSignIn)(app);
    userRoutes(db)(app);
    teamRoutes(db)(app);
    tokenRoutes(db)(app);
    auditRoutes(db)(app);
  };
}
