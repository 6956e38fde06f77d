// Deleting a team (admins): its Group leaves the catalog (409 with file and line when a catalog file
// holds it) and the projection removes the team with its memberships; a team from before teams were
// Groups has none, and its row goes here. A team with sub-teams stays until they have moved or gone,
// so no team is left pointing at a parent that no longer exists.
import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { conflict } from '../../platform/errors.ts';
import type { IdentityContext } from './context.ts';
import { groupRef } from './people-entities.ts';
import type { TeamDetail } from './schemas.ts';
import { childTeamNames, deleteTeamRow, lockTeamHierarchy } from './store.ts';
import { getTeamDetail } from './teams-service.ts';

/** Answers the team as it was just before it was deleted. */
export async function deleteTeam(ctx: IdentityContext, caller: Principal, name: string): Promise<TeamDetail> {
  const team = await getTeamDetail(ctx.db, name);
  const children = await childTeamNames(ctx.db, team.id);
  if (children.length > 0) {
    throw conflict(
      `team ${name} has sub-teams (${children.join(', ')}); give them another parent (PATCH /api/v1/teams/<name> {"parent": …}) or delete them first`,
    );
  }
  if (await ctx.people.find(groupRef(name))) {
    await ctx.people.remove(caller, groupRef(name));
    await ctx.project(caller.handle);
    return team;
  }
  await ctx.db.transaction().execute(async (trx) => {
    await lockTeamHierarchy(trx);
    await deleteTeamRow(trx, team.id);
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'team.delete',
      subjectType: 'team',
      subjectId: name,
      before: { name: team.name, displayName: team.displayName, parent: team.parent, members: team.members },
    });
  });
  return team;
}
