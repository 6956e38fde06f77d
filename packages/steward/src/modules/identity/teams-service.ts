// Teams and their hierarchy. A team is the catalog's Group: created and changed there (API-sourced),
// then projected. A team may not end up beneath itself; every change is audited.
import type { Principal } from '../../platform/auth/principal.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { assertMayEditTeam } from './access.ts';
import type { IdentityContext } from './context.ts';
import { cycleThrough, describeCycle } from './hierarchy.ts';
import { groupRef, groupWith, newGroup, withMember } from './people-entities.ts';
import type { Team, TeamDetail } from './schemas.ts';
import {
  ancestorNames,
  childTeamNames,
  type Db,
  findTeamById,
  findTeamByName,
  listTeamRows,
  lockTeamHierarchy,
  memberCounts,
  teamMembers,
} from './store.ts';
import type { TeamRow } from './tables.ts';

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

/** The team becomes an API-sourced Group; the projection makes it a team at once (and on every server). */
export async function createTeam(
  ctx: IdentityContext,
  caller: Principal,
  input: NewTeam,
): Promise<TeamDetail> {
  const { db } = ctx;
  if (await findTeamByName(db, input.name)) {
    throw conflict(`a team named ${input.name} already exists; pick another name`);
  }
  if (input.parent) await requireParent(db, input.parent);
  const fields = { displayName: input.displayName ?? input.name, ...input };
  await ctx.people.create(caller, groupWith(newGroup(input.name), fields));
  await ctx.project(caller.handle);
  return getTeamDetail(db, input.name);
}

/** Changes the team's Group (409 with file and line when a catalog file holds it), then the team. */
export async function updateTeam(
  ctx: IdentityContext,
  caller: Principal,
  name: string,
  changes: TeamChanges,
) {
  const { db } = ctx;
  const team = await requireTeam(db, name);
  assertMayEditTeam(caller, team);
  if (changes.parent)
    await db.transaction().execute((trx) => parentIdFor(trx, team, changes.parent as string));
  // Only what differs: a form sent whole and unchanged is no change (not a 409 for a file's team).
  const before = await getTeamDetail(db, name);
  const differs = (field: keyof TeamChanges, value: string | null) =>
    changes[field] !== undefined && changes[field] !== value;
  const changed =
    differs('displayName', before.displayName) ||
    differs('description', before.description) ||
    differs('parent', before.parent);
  if (!changed) return before;
  await ctx.people.put(caller, groupWith(await currentGroup(ctx, team), changes));
  await ctx.project(caller.handle);
  return getTeamDetail(db, name);
}

/** The team's Group; for a team from before teams were Groups, one written from what identity holds. */
export async function currentGroup(ctx: IdentityContext, team: TeamRow): Promise<Record<string, unknown>> {
  const found = await ctx.people.find(groupRef(team.name));
  if (found) return found.body;
  const detail = await getTeamDetail(ctx.db, team.name);
  const fields = { displayName: detail.displayName, description: detail.description, parent: detail.parent };
  let body = groupWith(newGroup(team.name), fields);
  for (const member of detail.members) body = withMember(body, member.handle, member.role);
  return body;
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
