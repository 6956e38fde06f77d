// Per-resource rules, on top of the route-level access every route declares:
// - admins (through a credential with the admin scope) may do everything;
// - any member of a team may edit the team; only its leads (or admins) change its members;
// - people edit their own name and password; only admins edit others, roles and disabling;
// - viewers change nothing, not even their own profile (an admin sets their password);
// - everyone signed in, viewers too, sees and revokes their own tokens and creates tokens within
//   their own scopes (the CLI needs one), and reads the audit log, which holds no secrets.
import type { Principal } from '../../platform/auth/principal.ts';
import { forbidden } from '../../platform/errors.ts';
import { type Db, membershipRole } from './store.ts';
import type { TeamRow } from './tables.ts';

/** An admin acting through a credential that carries the admin scope; a narrower token acts as a member. */
export function actsAsAdmin(caller: Principal): boolean {
  return caller.role === 'admin' && caller.scopes.includes('admin');
}

export function assertMayEditTeam(caller: Principal, team: TeamRow): void {
  if (actsAsAdmin(caller) || caller.teamIds.includes(team.id)) return;
  throw forbidden(
    `only members of team ${team.name} (or admins) may change it, and ${caller.handle} is not a member`,
  );
}

export async function assertMayChangeMembers(db: Db, caller: Principal, team: TeamRow): Promise<void> {
  if (actsAsAdmin(caller)) return;
  if ((await membershipRole(db, caller.userId, team.id)) === 'lead') return;
  throw forbidden(
    `only a lead of team ${team.name} (or an admin) may change its members, and ${caller.handle} is not one`,
  );
}

const selfEditable = new Set(['name', 'password', 'currentPassword']);

export function assertMayEditUser(caller: Principal, handle: string, fields: string[]): void {
  if (actsAsAdmin(caller)) return;
  if (caller.handle !== handle) {
    throw forbidden(`only admins may change another user's profile; you are signed in as ${caller.handle}`);
  }
  const adminOnly = fields.filter((f) => !selfEditable.has(f));
  if (adminOnly.length > 0) {
    throw forbidden(
      `you may change your own name and password; ${adminOnly.join(', ')} can only be changed by an admin`,
    );
  }
}
