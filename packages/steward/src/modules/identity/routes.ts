// Every HTTP route of the identity module, for the composition root to register.
import type { RoutePlugin } from '../../platform/http/route-types.ts';
import { auditRoutes } from './audit-routes.ts';
import { authRoutes } from './auth-routes.ts';
import type { IdentityContext } from './context.ts';
import { teamRoutes } from './team-routes.ts';
import { tokenRoutes } from './token-routes.ts';
import { userRoutes } from './user-routes.ts';

export function identityRoutes(ctx: IdentityContext): RoutePlugin {
  return (app) => {
    authRoutes(ctx)(app);
    userRoutes(ctx)(app);
    teamRoutes(ctx)(app);
    tokenRoutes(ctx)(app);
    auditRoutes(ctx.db)(app);
  };
}
