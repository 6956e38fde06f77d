// Teams and memberships in the projection (project-catalog.ts): a team whose Group left the catalog
// goes (its memberships with it; a child it leaves behind has no parent), and a team the catalog
// holds has exactly the members the catalog declares. Teams the catalog never held keep theirs.
import type { AuditEntryInput } from '../../platform/audit/audit-log.ts';
import { recordAudits } from '../../platform/audit/audit-log.ts';
import { listMembershipRows, type MembershipRow, upsertMemberships } from './bulk-store.ts';
import { type Db, listTeamRows, listUserRows } from './store.ts';
import type { MembershipRole } from './tables.ts';
import { membershipSnapshot, teamSnapshot } from './views.ts';

export async function removeGoneTeams(trx: Db, actor: string, present: Set<string>): Promise<void> {
  const rows = await listTeamRows(trx);
  const gone = rows.filter((t) => t.from_catalog && !present.has(t.name));
  if (gone.length === 0) return;
  const ids = gone.map((t) => t.id);
  const nameOf = new Map(rows.map((t) => [t.id, t.name]));
  await trx.updateTable('teams').set({ parent_id: null }).where('parent_id', 'in', ids).execute();
  await trx.deleteFrom('teams').where('id', 'in', ids).execute();
  await recordAudits(
    trx,
    gone.map((team) => ({
      actor,
      action: 'team.delete',
      subjectType: 'team',
      subjectId: team.name,
      before: teamSnapshot(team, team.parent_id ? (nameOf.get(team.parent_id) ?? null) : null),
    })),
  );
}

/** Memberships of the catalog's teams made to match `wanted` (team name → handle → role). */
export async function syncMemberships(
  trx: Db,
  actor: string,
  wanted: Map<string, Map<string, MembershipRole>>,
  teamIds: Map<string, string>,
): Promise<void> {
  const [users, teams, rows] = await Promise.all([
    listUserRows(trx),
    listTeamRows(trx),
    listMembershipRows(trx),
  ]);
  const userIds = new Map(users.map((u) => [u.handle, u.id]));
  const handleOf = new Map(users.map((u) => [u.id, u.handle]));
  const catalogTeams = new Map(teams.filter((t) => t.from_catalog).map((t) => [t.id, t.name]));
  const now = new Map(rows.map((r) => [`${r.user_id} ${r.team_id}`, r.role]));
  const upserts: MembershipRow[] = [];
  const audits: AuditEntryInput[] = [];
  const keep = new Set<string>();
  for (const [team, members] of wanted) {
    const teamId = teamIds.get(team);
    if (!teamId) continue;
    for (const [handle, role] of members) {
      const userId = userIds.get(handle);
      if (!userId) continue;
      const key = `${userId} ${teamId}`;
      keep.add(key);
      const before = now.get(key);
      if (before === role) continue;
      upserts.push({ user_id: userId, team_id: teamId, role });
      audits.push(membershipAudit(actor, 'membership.set', team, handle, before, role));
    }
  }
  const removals = rows.filter((r) => catalogTeams.has(r.team_id) && !keep.has(`${r.user_id} ${r.team_id}`));
  await upsertMemberships(trx, upserts);
  for (const r of removals) {
    await trx
      .deleteFrom('memberships')
      .where('user_id', '=', r.user_id)
      .where('team_id', '=', r.team_id)
      .execute();
    const team = catalogTeams.get(r.team_id) as string;
    audits.push(
      membershipAudit(actor, 'membership.remove', team, handleOf.get(r.user_id) ?? r.user_id, r.role),
    );
  }
  await recordAudits(trx, audits);
}

function membershipAudit(
  actor: string,
  action: string,
  team: string,
  handle: string,
  before: MembershipRole | undefined,
  after?: MembershipRole,
): AuditEntryInput {
  return {
    actor,
    action,
    subjectType: 'membership',
    subjectId: `${team}/${handle}`,
    before: before ? membershipSnapshot(team, { handle, role: before }) : null,
    after: after ? membershipSnapshot(team, { handle, role: after }) : null,
  };
}
