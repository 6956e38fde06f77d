// People: who they are, their role, and their password. A person is the catalog's User (name and email
// live there); role, password and disabling are Steward's own. Every change is audited.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { Principal, Role } from '../../platform/auth/principal.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { assertMayEditUser } from './access.ts';
import type { IdentityContext } from './context.ts';
import { assertMayChangePassword, endCredentials } from './credential-endings.ts';
import { hashPassword } from './passwords.ts';
import { newUser, userRef, userWith } from './people-entities.ts';
import type { User } from './schemas.ts';
import {
  countOtherActiveAdmins,
  type Db,
  findUserByHandle,
  insertUser,
  isUniqueViolation,
  listUserRows,
  lockActiveAdmins,
  teamNamesByUser,
  type UserPatch,
  updateUserRow,
} from './store.ts';
import type { UserRow } from './tables.ts';
import { toUser, userSnapshot } from './views.ts';

export interface NewUser {
  handle: string;
  name: string;
  email?: string | null | undefined;
  role: Role;
  password?: string | undefined;
}

export interface UserChanges {
  name?: string | undefined;
  email?: string | null | undefined;
  role?: Role | undefined;
  password?: string | undefined;
  /** The caller's own current password, when they change it. */
  currentPassword?: string | undefined;
  disabled?: boolean | undefined;
}

export async function listUsers(db: Db): Promise<User[]> {
  const [rows, teams] = await Promise.all([listUserRows(db), teamNamesByUser(db)]);
  return rows.map((row) => toUser(row, teams.get(row.id) ?? []));
}

export async function getUser(db: Db, handle: string): Promise<User> {
  return presentUser(db, await requireUser(db, handle));
}

export async function requireUser(db: Db, handle: string): Promise<UserRow> {
  const row = await findUserByHandle(db, handle);
  if (!row) throw notFound(`no user with handle ${JSON.stringify(handle)}; GET /api/v1/users lists them`);
  return row;
}

export async function presentUser(db: Db, row: UserRow): Promise<User> {
  const teams = await teamNamesByUser(db, [row.id]);
  return toUser(row, teams.get(row.id) ?? []);
}

/** A person is the catalog's User too (API-sourced): their row first, then the entity, then the projection. */
export async function createUser(ctx: IdentityContext, caller: Principal, input: NewUser): Promise<User> {
  const { db } = ctx;
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const taken = () => conflict(`a user with handle ${input.handle} already exists; pick another handle`);
  const row = await db
    .transaction()
    .execute(async (trx) => {
      if (await findUserByHandle(trx, input.handle)) throw taken();
      return insertUserAudited(trx, caller.handle, input, passwordHash);
    })
    .catch((error) => {
      throw isUniqueViolation(error) ? taken() : error;
    });
  try {
    await ctx.people.create(caller, userWith(newUser(input.handle), input));
  } catch (error) {
    await db.deleteFrom('users').where('id', '=', row.id).execute();
    throw error;
  }
  await ctx.project(caller.handle);
  return getUser(db, input.handle);
}

/** Inserts a user and its audit entry; the caller supplies the transaction and checks the handle is free. */
export async function insertUserAudited(
  trx: Db,
  actor: string,
  input: NewUser,
  passwordHash: string | null,
): Promise<UserRow> {
  const row = await insertUser(trx, {
    id: randomUUID(),
    handle: input.handle,
    name: input.name,
    email: input.email ?? null,
    role: input.role,
    password_hash: passwordHash,
    disabled_at: null,
  });
  await recordAudit(trx, {
    actor,
    action: 'user.create',
    subjectType: 'user',
    subjectId: row.handle,
    after: userSnapshot(row),
  });
  return row;
}

/** `address` is the caller's, for the throttle that guards checking their current password. */
export async function updateUser(
  ctx: IdentityContext,
  caller: Principal,
  handle: string,
  changes: UserChanges,
  address: string,
): Promise<User> {
  const { db } = ctx;
  const fields = Object.keys(changes).filter((k) => changes[k as keyof UserChanges] !== undefined);
  assertMayEditUser(caller, handle, fields);
  await assertMayChangePassword(ctx, caller, handle, changes, address);
  const passwordHash = changes.password ? await hashPassword(changes.password) : undefined;
  const inCatalog = await changeUserEntity(ctx, caller, handle, changes);
  const { row, ending } = await db.transaction().execute(async (trx) => {
    if (mayTakeAdminRights(changes)) await lockActiveAdmins(trx);
    const before = await requireUser(trx, handle);
    const patch = patchFor(before, changes, passwordHash);
    if (Object.keys(patch).length === 0) return { row: before, ending: null };
    await assertAnAdminRemains(trx, before, patch);
    const after = await updateUserRow(trx, before.id, patch);
    const ending = await endCredentials(trx, caller, before, patch);
    const snapshot = { ...userSnapshot(after), ...(patch.password_hash ? { passwordChanged: true } : {}) };
    await recordAudit(trx, {
      actor: caller.handle,
      action: 'user.update',
      subjectType: 'user',
      subjectId: handle,
      before: userSnapshot(before),
      after: snapshot,
    });
    return { row: after, ending };
  });
  if (ending) {
    await ctx.endStreams(ending.selectors, ending.reason);
    if (ending.reset) await ctx.throttle.forgetHandle(handle);
  }
  if (inCatalog) await ctx.project(caller.handle);
  return presentUser(db, row);
}

/**
 * Name and email are the User entity's (409 with file and line when a catalog file holds it); a
 * person with no User (the first admin) keeps them in identity alone. Answers whether it wrote one.
 */
async function changeUserEntity(
  ctx: IdentityContext,
  caller: Principal,
  handle: string,
  changes: UserChanges,
) {
  // Only what differs: a form sent whole with a new role changes no catalog file.
  const now = await findUserByHandle(ctx.db, handle);
  const name = changes.name !== now?.name ? changes.name : undefined;
  const email = changes.email !== now?.email ? changes.email : undefined;
  if (name === undefined && email === undefined) return false;
  const found = await ctx.people.find(userRef(handle));
  if (!found) return false;
  await ctx.people.put(caller, userWith(found.body, { name, email }));
  return true;
}

function patchFor(before: UserRow, changes: UserChanges, passwordHash: string | undefined): UserPatch {
  const patch: UserPatch = {};
  if (changes.name !== undefined && changes.name !== before.name) patch.name = changes.name;
  if (changes.email !== undefined && changes.email !== before.email) patch.email = changes.email;
  if (changes.role !== undefined && changes.role !== before.role) patch.role = changes.role;
  if (passwordHash) patch.password_hash = passwordHash;
  if (changes.disabled === true && !before.disabled_at) {
    patch.disabled_at = new Date();
    patch.disabled_by = 'admin';
  }
  // Enabling someone whose User left the catalog keeps them as a Steward-only account from then on.
  if (changes.disabled === false && before.disabled_at) {
    patch.disabled_at = null;
    patch.disabled_by = null;
    if (before.disabled_by === 'catalog') patch.from_catalog = false;
  }
  return patch;
}

function mayTakeAdminRights(changes: UserChanges): boolean {
  return (changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true;
}

/** Whether the patch leaves an admin who can sign in without admin rights. */
export function takesAdminRights(before: UserRow, patch: UserPatch): boolean {
  const wasActiveAdmin = before.role === 'admin' && !before.disabled_at;
  return (
    wasActiveAdmin && ((patch.role !== undefined && patch.role !== 'admin') || Boolean(patch.disabled_at))
  );
}

/** Call with the active admins locked (lockActiveAdmins), or two parallel changes both pass. */
async function assertAnAdminRemains(trx: Db, before: UserRow, patch: UserPatch): Promise<void> {
  if (!takesAdminRights(before, patch)) return;
  if ((await countOtherActiveAdmins(trx, before.id)) === 0) {
    throw conflict(
      `${before.handle} is the last admin who can sign in; make someone else an admin first, or Steward would have nobody to manage it`,
    );
  }
}
