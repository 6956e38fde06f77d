// Teams and their hierarchy. A team may not end up beneath itself; every change is audited.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { assertMayEditTeam } from './access.ts';
import { cycleThrough, describeCycle } from './hierarchy.ts';
import type { Team, TeamDetail } from './schemas.ts';
import {
  ancestorNames,
  childTeamNames,
  type Db,
  findTeamById,
  findTeamByName,
  insertTeam,
  isUniqueViolation,
  listTeamRows,
  lockTeamHierarchy,
  memberCounts,
  type TeamPatch,
  teamMembers,
  updateTeamRow,
} from './store.ts';
import type { TeamRow } from './tables.ts';
import { teamSnapshot } from './views.ts';

export interface NewTeam {
  name: string;
  displayName?: string | undefined;
  description?: string | undefined;
  parent?: string | undefined;
}

export interface TeamChanges {
  displayName?: string | undefined;
  description?: string | null | undefined;
  parent?: string | null | undefined;
}

export async function listTeams(db: Db): Promise<Team[]> {
  const [rows, counts] = await Promise.all([listTeamRows(db), memberCounts(db)]);
  const nameOf = new Map(rows.map((r) => [r.id, r.name]));
  const children = new Map<string, string[]>();
  for (const row of rows) {
    if (row.parent_id) children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row.name]);
  }
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    parent: row.parent_id ? (nameOf.get(row.parent_id) ?? null) : null,
    children: children.get(row.id) ?? [],
    memberCount: counts.get(row.id) ?? 0,
  }));
}

export async function requireTeam(db: Db, name: string): Promise<TeamRow> {
  const row = await findTeamByName(db, name);
  if (!row) throw notFound(`no team named ${JSON.stringify(name)}; GET /api/v1/teams lists them`);
  return row;
}

export async function getTeamDetail(db: Db, name: string): Promise<TeamDetail> {
  const row = await requireTeam(db, name);
  const [parent, children, members] = await Promise.all([
    row.parent_id ? findTeamById(db, row.parent_id) : undefined,
    childTeamNames(db, row.id),
    teamMembers(db, row.id),
  ]);
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    description: row.description,
    parent: parent?.name ?? null,
    children,
    memberCount: members.length,
    members: members.map((m) => ({ handle: m.handle, name: m.name, role: m.role })),
  };
}

export async function createTeam(db: Db, caller: Principal, input: NewTeam): Promise<TeamDetail> {
  const taken = () => conflict(`a team named ${input.name} already exists; pick another name`);
  await db
    .transaction()
    .execute(async (trx) => {
      if (await findTeamByName(trx, input.name)) throw taken();
      await insertTeamAudited(trx, caller.handle, input);
    })
    .catch((error) => {
      throw isUniqueViolation(error) ? taken() : error;
    });
  return getTeamDetail(db, input.name);
}

export async function insertTeamAudited(trx: Db, actor: string, input: NewTeam): Promise<TeamRow> {
  const parent = input.parent ? await requireParent(trx, input.parent) : undefined;
  const row = await insertTeam(trx, {
    id: randomUUID(),
    name: input.name,
    display_name: input.displayName ?? input.name,
    description: input.description ?? null,
    parent_id: parent?.id ?? null,
  });
  await recordAudit(trx, {
    actor,
    action: 'team.create',
    subjectType: 'team',
    subjectId: row.name,
    after: teamSnapshot(row, parent?.name ?? null),
  });
  return row;
}

export async function updateTeam(db: Db, caller: Principal, name: string, changes: TeamChanges) {
  await db.transaction().execute(async (trx) => {
    const team = await requireTeam(trx, name);
    assertMayEditTeam(caller, team);
    await applyTeamChanges(trx, caller.handle, team, changes);
  });
  return getTeamDetail(db, name);
}

/** Updates what changed (nothing, and no audit entry, when nothing did), refusing loops. */
export async function applyTeamChanges(trx: Db, actor: string, team: TeamRow, changes: TeamChanges) {
  const parentBefore = team.parent_id ? ((await findTeamById(trx, team.parent_id))?.name ?? null) : null;
  const patch: TeamPatch = {};
  if (changes.displayName !== undefined && changes.displayName !== team.display_name)
    patch.display_name = changes.displayName;
  if (changes.description !== undefined && changes.description !== team.description)
    patch.description = changes.description;
  let parentAfter = parentBefore;
  if (changes.parent !== undefined && changes.parent !== parentBefore) {
    parentAfter = changes.parent;
    patch.parent_id = changes.parent === null ? null : await parentIdFor(trx, team, changes.parent);
  }
  if (Object.keys(patch).length === 0) return team;
  const after = await updateTeamRow(trx, team.id, patch);
  await recordAudit(trx, {
    actor,
    action: 'team.update',
    subjectType: 'team',
    subjectId: team.name,
    before: teamSnapshot(team, parentBefore),
    after: teamSnapshot(after, parentAfter),
  });
  return after;
}

async function parentIdFor(trx: Db, team: TeamRow, parentName: string): Promise<string> {
  await lockTeamHierarchy(trx);
  const parent = await requireParent(trx, parentName);
  const cycle = cycleThrough(team.name, await ancestorNames(trx, parent.id));
  if (cycle) {
    throw invalid(describeCycle(team.name, parentName, cycle), [
      { field: 'body.parent', message: describeCycle(team.name, parentName, cycle) },
    ]);
  }
  return parent.id;
}

async function requireParent(trx: Db, name: string): Promise<TeamRow> {
  const parent = await findTeamByName(trx, name);
  if (!parent) {
    throw invalid(`parent team ${JSON.stringify(name)} does not exist; create it first or leave parent out`, [
      { field: 'body.parent', message: `no team named ${JSON.stringify(name)}` },
    ]);
  }
  return parent;
}
