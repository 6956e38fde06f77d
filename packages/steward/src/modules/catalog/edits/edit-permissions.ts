// Who may change an entity through the API: admins anything; a member of a team that owns the
// entity (as primary or other owner) may change it, and may give it only to a team they are in.
// Entities without owners (groups, people, locations) become teams and sign-ins: admins only.
import type { Principal } from '../../../platform/auth/principal.ts';
import { forbidden } from '../../../platform/errors.ts';

export interface Editor {
  principal: Principal;
  isAdmin: boolean;
  /** Names of the teams the caller is in. */
  teams: Set<string>;
}

export function editorOf(principal: Principal): Editor {
  const isAdmin = principal.role === 'admin' && principal.scopes.includes('admin');
  return { principal, isAdmin, teams: new Set(principal.teams) };
}

// Steward's teams and people live in one namespace, the default one (identity imports groups and users
// by name): team payments is group:default/payments. A group of the same name in another namespace is
// another team, so a ref counts only in full, as the store writes it (`kind:namespace/name`, lower case).
const teamRef = (team: string) => `group:default/${team}`;
const personRef = (handle: string) => `user:default/${handle}`;

function ownsAny(editor: Editor, owners: readonly string[]): boolean {
  const mine = new Set([...[...editor.teams].map(teamRef), personRef(editor.principal.handle)]);
  return owners.some((ref) => mine.has(ref.toLowerCase()));
}

function teamList(editor: Editor): string {
  return editor.teams.size > 0 ? `the teams ${[...editor.teams].sort().join(', ')}` : 'no team';
}

/** The caller may change (or delete) the entity as it is now. */
export function assertMayChange(editor: Editor, ref: string, owners: readonly string[]): void {
  if (editor.isAdmin) return;
  if (owners.length === 0) throw forbidden(`${ref} has no owner, so only admins may change it`);
  if (ownsAny(editor, owners)) return;
  throw forbidden(
    `only members of a team that owns ${ref} (${owners.join(', ')}) or admins may change it; ${editor.principal.handle} is in ${teamList(editor)}`,
  );
}

/** The caller may give the entity this owner (the primary owner it will have). */
export function assertMayAssign(editor: Editor, ref: string, primaryOwner: string | null): void {
  if (editor.isAdmin) return;
  if (primaryOwner === null) {
    throw forbidden(
      `${ref} would have no owner (groups, people and locations have none): only admins may create or change it`,
    );
  }
  if (ownsAny(editor, [primaryOwner])) return;
  throw forbidden(
    `${ref} would be owned by ${primaryOwner}, a team ${editor.principal.handle} is not in; give it to one of ${teamList(editor)}, or ask an admin`,
  );
}
