// Who is in which team, and who leads it. Only a team's leads (or admins) change its members. A
// membership is the team's Group's spec.members (leads in its steward.dev/leads annotation), written
// through the catalog (409 when a catalog file holds the Group), then projected.
import type { Principal } from '../../platform/auth/principal.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { assertMayChangeMembers } from './access.ts';
import type { IdentityContext } from './context.ts';
import { userRef, withMember } from './people-entities.ts';
import { membershipRole } from './store.ts';
import type { MembershipRole, TeamRow, UserRow } from './tables.ts';
import { currentGroup, getTeamDetail, requireTeam } from './teams-service.ts';
import { requireUser } from './users-service.ts';

export async function setMembership(
  ctx: IdentityContext,
  caller: Principal,
  teamName: string,
  handle: string,
  role: MembershipRole,
) {
  const team = await requireTeam(ctx.db, teamName);
  await assertMayChangeMembers(ctx.db, caller, team);
  await requireUser(ctx.db, handle);
  await ctx.people.put(caller, withMember(await currentGroup(ctx, team), handle, role));
  await ctx.project(caller.handle);
  return getTeamDetail(ctx.db, teamName);
}

export async function removeMembership(
  ctx: IdentityContext,
  caller: Principal,
  teamName: string,
  handle: string,
) {
  const { db } = ctx;
  const team = await requireTeam(db, teamName);
  await assertMayChangeMembers(db, caller, team);
  const user = await requireUser(db, handle);
  if (!(await membershipRole(db, user.id, team.id)))
    throw notFound(`${handle} is not a member of team ${teamName}`);
  await ctx.people.put(caller, withMember(await currentGroup(ctx, team), handle, undefined));
  await ctx.project(caller.handle);
  if (await membershipRole(db, user.id, team.id)) throw declaredByUser(ctx, team, user);
  return getTeamDetail(db, teamName);
}

/** The membership stays because the person's User lists the team in spec.memberOf. */
async function declaredByUser(ctx: IdentityContext, team: TeamRow, user: UserRow) {
  const found = await ctx.people.find(userRef(user.handle));
  const where = found?.apiSourced === false ? ', in a catalog file: change it there' : '';
  return conflict(
    `${user.handle} stays in team ${team.name}: ${userRef(user.handle)} lists group:default/${team.name} in spec.memberOf${where}`,
  );
}
