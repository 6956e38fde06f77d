// Loads an organisation described as code (teams, people, memberships) into Steward. Idempotent:
// a second run with the same input changes nothing and writes no audit entries. It adds and
// updates; it never removes people, teams or memberships that the input leaves out.
// Code is written by whoever can push to the catalog's repositories, so it may make a person a
// member or a viewer but never grants admin rights nor takes them away: an admin does that in Steward.
// Set-based: what changes is worked out in memory from every team, person and membership there is,
// then written a few statements per kind (org-*-plan.ts decide, bulk-store.ts writes).
import { z } from 'zod';
import { recordAudits } from '../../platform/audit/audit-log.ts';
import { invalid } from '../../platform/errors.ts';
import {
  insertTeams,
  insertUsers,
  listMembershipRows,
  updateTeams,
  updateUsers,
  upsertMemberships,
} from './bulk-store.ts';
import type { Org } from './org-from-entities.ts';
import { planPeople } from './org-people-plan.ts';
import { planTeams } from './org-teams-plan.ts';
import { hashPassword } from './passwords.ts';
import { handleSchema, roleSchema } from './schemas.ts';
import { type Db, listTeamRows, listUserRows, lockTeamHierarchy } from './store.ts';
import type { UserRow } from './tables.ts';

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
  await db.transaction().execute((trx) => upsertOrg(trx, org, actor));
  return { teams: org.teams.length, users: org.users.length };
}

/** Adds and updates (never removes) in the caller's transaction; answers every team's id by name. */
export async function upsertOrg(trx: Db, org: ParsedOrg, actor: string): Promise<Map<string, string>> {
  await lockTeamHierarchy(trx);
  const [teams, users, memberships] = await Promise.all([
    listTeamRows(trx),
    listUserRows(trx),
    listMembershipRows(trx),
  ]);
  const teamsPlan = planTeams(actor, teams, org.teams);
  const hashes = await passwordHashesFor(org, new Map(users.map((u) => [u.handle, u])));
  const people = planPeople(actor, { users, memberships, teamIds: teamsPlan.idByName, hashes }, org.users);
  await insertTeams(trx, teamsPlan.inserts);
  await updateTeams(trx, teamsPlan.updates);
  await insertUsers(trx, people.inserts);
  await updateUsers(trx, people.updates);
  await upsertMemberships(trx, people.memberships);
  await recordAudits(trx, [...teamsPlan.audits, ...people.audits]);
  return teamsPlan.idByName;
}

export function parseOrg(input: OrgImport) {
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

export type ParsedOrg = ReturnType<typeof parseOrg>;

/** Hashes the shared password, in parallel, only for people who do not have one yet. */
async function passwordHashesFor(org: ParsedOrg, existing: Map<string, UserRow>) {
  const { password } = org;
  if (!password) return new Map<string, string>();
  const needing = org.users.filter((u) => !existing.get(u.handle)?.password_hash);
  return new Map(
    await Promise.all(needing.map(async (u) => [u.handle, await hashPassword(password)] as const)),
  );
}
