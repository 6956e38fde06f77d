// People in the projection (project-catalog.ts): which rows the catalog holds, and sign-in ending
// when a person's User leaves the catalog and coming back with it, unless an admin disabled them.
// The last admin who can sign in is never disabled this way: Steward would have nobody to manage it.
import { recordAudits } from '../../platform/audit/audit-log.ts';
import type { Logger } from '../../platform/logging.ts';
import { deleteSessionsOfUser } from './credential-store.ts';
import { countOtherActiveAdmins, type Db, listUserRows, lockActiveAdmins } from './store.ts';
import type { UserRow } from './tables.ts';
import { userSnapshot } from './views.ts';

const chunk = 1000;

export async function markFromCatalog(trx: Db, teams: string[], handles: string[]): Promise<void> {
  for (let at = 0; at < teams.length; at += chunk) {
    await trx
      .updateTable('teams')
      .set({ from_catalog: true })
      .where('name', 'in', teams.slice(at, at + chunk))
      .where('from_catalog', '=', false)
      .execute();
  }
  for (let at = 0; at < handles.length; at += chunk) {
    await trx
      .updateTable('users')
      .set({ from_catalog: true })
      .where('handle', 'in', handles.slice(at, at + chunk))
      .where('from_catalog', '=', false)
      .execute();
  }
}

/** Disables (and ends the sessions of) people the catalog held and holds no more; answers who. */
export async function disableGonePeople(
  trx: Db,
  actor: string,
  present: Set<string>,
  logger: Logger,
): Promise<UserRow[]> {
  const gone = (await listUserRows(trx)).filter(
    (u) => u.from_catalog && !u.disabled_at && !present.has(u.handle),
  );
  if (gone.length === 0) return [];
  if (gone.some((u) => u.role === 'admin')) await lockActiveAdmins(trx);
  const disabled: UserRow[] = [];
  const at = new Date();
  for (const user of gone) {
    if (user.role === 'admin' && (await countOtherActiveAdmins(trx, user.id)) === 0) {
      logger.warn(
        { handle: user.handle },
        `${user.handle} left the catalog but is the last admin who can sign in: left enabled; make someone else an admin, then disable them`,
      );
      continue;
    }
    await trx
      .updateTable('users')
      .set({ disabled_at: at, disabled_by: 'catalog' })
      .where('id', '=', user.id)
      .execute();
    await deleteSessionsOfUser(trx, user.id);
    disabled.push(user);
  }
  await recordAudits(
    trx,
    disabled.map((user) => ({
      actor,
      action: 'user.update',
      subjectType: 'user',
      subjectId: user.handle,
      before: userSnapshot(user),
      after: { ...userSnapshot({ ...user, disabled_at: at }), why: 'their User entity left the catalog' },
    })),
  );
  return disabled;
}

/** Enables people disabled because their User left the catalog, now that it is back. */
export async function enableReturnedPeople(trx: Db, actor: string, present: Set<string>): Promise<void> {
  const back = (await listUserRows(trx)).filter((u) => u.disabled_by === 'catalog' && present.has(u.handle));
  for (const user of back) {
    await trx
      .updateTable('users')
      .set({ disabled_at: null, disabled_by: null })
      .where('id', '=', user.id)
      .execute();
  }
  await recordAudits(
    trx,
    back.map((user) => ({
      actor,
      action: 'user.update',
      subjectType: 'user',
      subjectId: user.handle,
      before: userSnapshot(user),
      after: {
        ...userSnapshot({ ...user, disabled_at: null }),
        why: 'their User entity is back in the catalog',
      },
    })),
  );
}
