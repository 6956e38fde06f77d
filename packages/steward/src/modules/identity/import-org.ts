// Loads an organisation described as code (teams, people, memberships) into Steward. Idempotent:
// a second run with the same input changes nothing and writes no audit entries. It adds and
// updates; it never removes people, teams or memberships that the input leaves out.
// Code is written by whoever can push to the catalog's repositories, so it may make a person a
// member or a viewer but never grants admin rights nor takes them away: an admin does that in Steward.
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import { invalid } from '../../platform/errors.ts';
import { setMembershipAudited } from './memberships-service.ts';
import type { Org } from './org-from-entities.ts';
import { hashPassword } from './passwords.ts';
import { handleSchema, roleSchema } from './schemas.ts';
import { type Db, findTeamByName, listUserRows, lockTeamHierarchy, updateUserRow } from './store.ts';
import type { UserRow } from './tables.ts';
import { applyTeamChanges, insertTeamAudited } from './teams-service.ts';
import { insertUserAudited } from './users-service.ts';
import { userSnapshot } from './views.ts';

export type OrgImport = Org & {
  /** Given to imported people who have no password yet (the demo's shared password). */
  password?: string | undefined;
};

export interface OrgImportSummary {
  teams: number;
  users: number;
}

const orgImportSchema = z.object({
  teams: z.array(
    z.object({
      name: handleSchema,
      displayName: z.string().min(1),
      description: z.string().optional(),
      parent: handleSchema.optional(),
    }),
  ),
  users: z.array(
    z.object({
      handle: handleSchema,
      name: z.string().min(1),
      email: z.string().optional(),
      role: roleSchema.optional(),
      teams: z.array(z.object({ team: handleSchema, role: z.enum(['lead', 'member']) })),
    }),
  ),
  password: z.string().min(1).optional(),
});

export async function importOrg(db: Db, input: OrgImport, actor = 'system:demo'): Promise<OrgImportSummary> {
  const org = parseOrg(input);
  await db.transaction().execute(async (trx) => {
    await lockTeamHierarchy(trx);
    await importTeams(trx, actor, org.teams);
    await importUsers(trx, actor, org);
  });
  return { teams: org.teams.length, users: org.users.length };
}

function parseOrg(input: OrgImport) {
  const parsed = orgImportSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw invalid(
    `the organisation to import is invalid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    problems,
  );
}

type ParsedOrg = ReturnType<typeof parseOrg>;

async function importTeams(trx: Db, actor: string, teams: ParsedOrg['teams']): Promise<void> {
  // Missing teams first (under their parent when it already exists), then every team's fields and
  // parent, so the input need not list parents before children.
  for (const team of teams) {
    if (await findTeamByName(trx, team.name)) continue;
    const parentExists = team.parent ? Boolean(await findTeamByName(trx, team.parent)) : false;
    await insertTeamAudited(trx, actor, { ...team, parent: parentExists ? team.parent : undefined });
  }
  for (const team of teams) {
    const row = await findTeamByName(trx, team.name);
    if (!row) continue;
    await applyTeamChanges(trx, actor, row, {
      displayName: team.displayName,
      description: team.description ?? null,
      parent: team.parent ?? null,
    });
  }
}

async function importUsers(trx: Db, actor: string, org: ParsedOrg): Promise<void> {
  const existing = new Map((await listUserRows(trx)).map((u) => [u.handle, u]));
  const hashes = await passwordHashesFor(org, existing);
  for (const person of org.users) {
    const before = existing.get(person.handle);
    const user = before
      ? await updatePerson(trx, actor, before, person, hashes.get(person.handle))
      : await insertUserAudited(
          trx,
          actor,
          { ...person, role: person.role === 'viewer' ? 'viewer' : 'member' },
          hashes.get(person.handle) ?? null,
        );
    for (const membership of person.teams) {
      const team = await findTeamByName(trx, membership.team);
      if (!team) {
        throw invalid(
          `user ${person.handle} is listed in team ${membership.team}, which is neither in the import nor in Steward`,
        );
      }
      await setMembershipAudited(trx, actor, team, user, membership.role);
    }
  }
}

/** Hashes the shared password, in parallel, only for people who do not have one yet. */
async function passwordHashesFor(org: ParsedOrg, existing: Map<string, UserRow>) {
  const { password } = org;
  if (!password) return new Map<string, string>();
  const needing = org.users.filter((u) => !existing.get(u.handle)?.password_hash);
  return new Map(
    await Promise.all(needing.map(async (u) => [u.handle, await hashPassword(password)] as const)),
  );
}

async function updatePerson(
  trx: Db,
  actor: string,
  before: UserRow,
  person: ParsedOrg['users'][number],
  passwordHash: string | undefined,
): Promise<UserRow> {
  const patch: Parameters<typeof updateUserRow>[2] = {};
  if (person.name !== before.name) patch.name = person.name;
  if (person.email !== undefined && person.email !== before.email) patch.email = person.email;
  // Roles change only when the input names one, and never to or from admin.
  const role = person.role;
  if (role !== undefined && role !== 'admin' && before.role !== 'admin' && role !== before.role) {
    patch.role = role;
  }
  if (passwordHash) patch.password_hash = passwordHash;
  if (Object.keys(patch).length === 0) return before;
  const after = await updateUserRow(trx, before.id, patch);
  await recordAudit(trx, {
    actor,
    action: 'user.update',
    subjectType: 'user',
    subjectId: before.handle,
    before: userSnapshot(before),
    after: { ...userSnapshot(after), ...(passwordHash ? { passwordChanged: true } : {}) },
  });
  return after;
}
