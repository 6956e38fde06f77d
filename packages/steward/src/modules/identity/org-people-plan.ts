// What an organisation sync changes in people and memberships, worked out in memory: who to add,
// what changed for who is there (never admin rights, either way), which memberships to add or
// re-role, and the audit entries. Nothing is removed.
import { randomUUID } from 'node:crypto';
import type { AuditEntryInput } from '../../platform/audit/audit-log.ts';
import type { Role } from '../../platform/auth/principal.ts';
import { invalid } from '../../platform/errors.ts';
import type { MembershipRow, NewUserRow, UserUpdate } from './bulk-store.ts';
import type { MembershipRole, UserRow } from './tables.ts';
import { membershipSnapshot, userSnapshot } from './views.ts';

export interface PersonInput {
  handle: string;
  name: string;
  email?: string | undefined;
  role?: Role | undefined;
  teams: { team: string; role: MembershipRole }[];
}

export interface PeoplePlan {
  inserts: NewUserRow[];
  updates: UserUpdate[];
  memberships: MembershipRow[];
  audits: AuditEntryInput[];
}

export interface PeopleNow {
  users: UserRow[];
  memberships: MembershipRow[];
  /** Every team's id by name, the sync's new teams included. */
  teamIds: Map<string, string>;
  /** New password hashes, for the people who have none yet. */
  hashes: Map<string, string>;
}

export function planPeople(actor: string, now: PeopleNow, people: PersonInput[]): PeoplePlan {
  const byHandle = new Map(now.users.map((u) => [u.handle, u]));
  const plan: PeoplePlan = { inserts: [], updates: [], memberships: [], audits: [] };
  const ids = new Map<string, string>();
  for (const person of people) {
    if (ids.has(person.handle)) {
      throw invalid(
        `user ${person.handle} is listed more than once in the organisation to import; list each person once`,
      );
    }
    const before = byHandle.get(person.handle);
    const hash = now.hashes.get(person.handle);
    ids.set(
      person.handle,
      before ? planUpdate(plan, actor, before, person, hash) : planInsert(plan, actor, person, hash),
    );
  }
  planMemberships(plan, actor, now, people, ids);
  return plan;
}

function planInsert(plan: PeoplePlan, actor: string, person: PersonInput, hash: string | undefined): string {
  const row: NewUserRow = {
    id: randomUUID(),
    handle: person.handle,
    name: person.name,
    email: person.email ?? null,
    role: person.role === 'viewer' ? 'viewer' : 'member',
    password_hash: hash ?? null,
  };
  plan.inserts.push(row);
  plan.audits.push({
    actor,
    action: 'user.create',
    subjectType: 'user',
    subjectId: row.handle,
    after: userSnapshot({ ...row, created_at: new Date(), disabled_at: null }),
  });
  return row.id;
}

function planUpdate(
  plan: PeoplePlan,
  actor: string,
  before: UserRow,
  person: PersonInput,
  hash: string | undefined,
): string {
  const update: UserUpdate = {
    id: before.id,
    name: null,
    email: null,
    role: null,
    password_hash: hash ?? null,
  };
  if (person.name !== before.name) update.name = person.name;
  if (person.email !== undefined && person.email !== before.email) update.email = person.email;
  // Roles change only when the input names one, and never to or from admin.
  const role = person.role;
  if (role !== undefined && role !== 'admin' && before.role !== 'admin' && role !== before.role)
    update.role = role;
  if (
    update.name === null &&
    update.email === null &&
    update.role === null &&
    update.password_hash === null
  ) {
    return before.id;
  }
  plan.updates.push(update);
  const after: UserRow = {
    ...before,
    name: update.name ?? before.name,
    email: update.email ?? before.email,
    role: update.role ?? before.role,
    password_hash: update.password_hash ?? before.password_hash,
  };
  plan.audits.push({
    actor,
    action: 'user.update',
    subjectType: 'user',
    subjectId: before.handle,
    before: userSnapshot(before),
    after: { ...userSnapshot(after), ...(hash ? { passwordChanged: true } : {}) },
  });
  return before.id;
}

function planMemberships(
  plan: PeoplePlan,
  actor: string,
  now: PeopleNow,
  people: PersonInput[],
  ids: Map<string, string>,
) {
  const roleNow = new Map(now.memberships.map((m) => [`${m.user_id} ${m.team_id}`, m.role]));
  const wanted = new Map<string, { row: MembershipRow; team: string; handle: string }>();
  for (const person of people) {
    for (const membership of person.teams) {
      const teamId = now.teamIds.get(membership.team);
      if (!teamId) {
        throw invalid(
          `user ${person.handle} is listed in team ${membership.team}, which is neither in the import nor in Steward`,
        );
      }
      const row = { user_id: ids.get(person.handle) as string, team_id: teamId, role: membership.role };
      wanted.set(`${row.user_id} ${row.team_id}`, { row, team: membership.team, handle: person.handle });
    }
  }
  for (const [key, { row, team, handle }] of wanted) {
    const before = roleNow.get(key);
    if (before === row.role) continue;
    plan.memberships.push(row);
    plan.audits.push({
      actor,
      action: 'membership.set',
      subjectType: 'membership',
      subjectId: `${team}/${handle}`,
      before: before ? membershipSnapshot(team, { handle, role: before }) : null,
      after: membershipSnapshot(team, { handle, role: row.role }),
    });
  }
}
