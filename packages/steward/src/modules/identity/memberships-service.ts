// Who is in which team, and who leads it. Only a team's leads (or admins) change its members.

import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { notFound } from '../../platform/errors.ts';
import { assertMayChangeMembers } from './access.ts';
import { type Db, deleteMembership, membershipRole, upsertMembership } from './store.ts';
import type { MembershipRole, TeamRow, UserRow } from './tables.ts';
import { getTeamDetail, requireTeam } from './teams-service.ts';
import { requireUser } from './users-service.ts';
import { membershipSnapshot } from './views.ts';

export async function setMembership(
  db: Db,
  caller: Principal,
  teamName: string,
  handle: string,
  role: MembershipRole,
) {
  await db.transaction().execute(async (trx) => {
    const team = await requireTeam(trx, teamName);
    await assertMayChangeMembers(trx, caller, team);
    await setMembershipAudited(trx, caller.handle, team, await requireUser(trx, handle), role);
  });
  return getTeamDetail(db, teamName);
}

/** Adds the user or changes their role; no audit entry when nothing changes. */
export async function setMembershipAudited(
  trx: Db,
  actor: string,
  team: TeamRow,
  user: UserRow,
  role: MembershipRole,
): Promise<void> {
  const before = await membershipRole(trx, user.id, team.id);
  if (before === role) return;
  await upsertMembership(trx, user.id, team.id, role);
  await recordAudit(trx, {
    actor,
    action: 'membership.set',
    subjectType: 'membership',
    subjectId: `${team.name}/${user.handle}`,
    before: before ? membershipSnapshot(team.name, { handle: user.handle, role: before }) : null,
    after: membershipSnapshot(team.name, { handle: user.handle, role }),
  });
}

export async function removeMembership(db: Db, caller: Principal, teamName: string, handle: string) {
  await db.transaction().execute(async (trx) => {
    const team = await requireTeam(trx, teamName);
    await assertMayChangeMembers(trx, caller, team);
    const user = await requireUser(trx, handle);
    const before = await membershipRole(trx, user.id, team.id);
    if (!before) throw notFound(`${handle} is not a member of team ${teamName}`);
    await deleteMembership(trx, user.id, team.id);
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'membership.remove',
      subjectType: 'membership',
      subjectId: `${team.name}/${user.handle}`,
      before: membershipSnapshot(team.name, { handle: user.handle, role: before }),
      after: null,
    });
  });
  return getTeamDetail(db, teamName);
}
