// Whose contact methods and rules a caller may see and change: their own, and admins anyone's.
import type { Principal } from '../../platform/auth/principal.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { actsAsAdmin } from '../identity/index.ts';

/** Identity's answer to "does this handle exist?" (its face's hasPerson). */
export type HasPerson = (handle: string) => Promise<boolean>;

export async function assertMayManage(
  hasPerson: HasPerson,
  caller: Principal,
  handle: string,
): Promise<void> {
  if (!actsAsAdmin(caller) && caller.handle !== handle) {
    throw forbidden(
      `only ${handle} (or an admin) may see and change ${handle}'s contact methods and rules; you are signed in as ${caller.handle}`,
    );
  }
  await assertPerson(hasPerson, handle);
}

export async function assertPerson(hasPerson: HasPerson, handle: string): Promise<void> {
  if (!(await hasPerson(handle))) {
    throw notFound(`no user with handle ${JSON.stringify(handle)}; GET /api/v1/users lists them`);
  }
}

/** The handle of a person named by handle or User ref: `alice`, `user:alice`, `user:default/alice`. */
export function handleOf(person: string): string {
  const withoutKind = person.replace(/^user:/i, '');
  const slash = withoutKind.indexOf('/');
  return slash === -1 ? withoutKind : withoutKind.slice(slash + 1);
}

export const personRef = (handle: string) => `user:default/${handle}`;
