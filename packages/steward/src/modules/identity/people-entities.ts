// Teams and people as catalog entities: what identity writes through the catalog's face when a team
// or person is created or changed through its API. A Group or User already in the catalog is changed
// field by field (what else it says stays); a new one is written whole. Steward-only fields (roles,
// passwords, tokens, disabling, contact methods) never go to the catalog.
import { leadsAnnotation, refList } from './catalog-org.ts';
import type { MembershipRole } from './tables.ts';

export type Body = Record<string, unknown> & {
  metadata: Record<string, unknown> & { annotations?: Record<string, string> };
  spec: Record<string, unknown>;
};

export const groupRef = (team: string) => `group:default/${team}`;
export const userRef = (handle: string) => `user:default/${handle}`;

export interface TeamFields {
  displayName?: string | undefined;
  description?: string | null | undefined;
  parent?: string | null | undefined;
}

export const newGroup = (name: string) => newEntity('Group', name, { type: 'team', children: [] });
export const newUser = (handle: string) => newEntity('User', handle, { memberOf: [] });

/** The Group with these fields changed. */
export function groupWith(group: Record<string, unknown>, fields: TeamFields): Body {
  const body = clone(group);
  const profile = { ...(body.spec.profile as object | undefined) } as Record<string, unknown>;
  if (fields.displayName !== undefined) profile.displayName = fields.displayName;
  if (Object.keys(profile).length > 0) body.spec.profile = profile;
  if (fields.description === null) delete body.metadata.description;
  else if (fields.description !== undefined) body.metadata.description = fields.description;
  if (fields.parent === null) delete body.spec.parent;
  else if (fields.parent !== undefined) body.spec.parent = groupRef(fields.parent);
  return body;
}

/** The Group with `handle` a member in `role` (undefined: not a member). */
export function withMember(
  group: Record<string, unknown>,
  handle: string,
  role: MembershipRole | undefined,
): Body {
  const body = clone(group);
  // Other members are kept as written (refs of other namespaces too); only this person's entry changes.
  const written = Array.isArray(body.spec.members) ? body.spec.members.map(String) : [];
  const others = written.filter((ref) => !refList([ref], 'user').includes(handle));
  const leads = refList(body.metadata.annotations?.[leadsAnnotation], 'user').filter((h) => h !== handle);
  if (role === 'lead') leads.push(handle);
  body.spec.members = role ? [...others, userRef(handle)] : others;
  const annotations = { ...body.metadata.annotations };
  if (leads.length > 0) annotations[leadsAnnotation] = leads.join(',');
  else delete annotations[leadsAnnotation];
  if (Object.keys(annotations).length > 0) body.metadata.annotations = annotations;
  else delete body.metadata.annotations;
  return body;
}

export interface PersonFields {
  name?: string | undefined;
  email?: string | null | undefined;
}

/** The User with these fields changed. */
export function userWith(user: Record<string, unknown>, fields: PersonFields): Body {
  const body = clone(user);
  const profile = { ...(body.spec.profile as object | undefined) } as Record<string, unknown>;
  if (fields.name !== undefined) profile.displayName = fields.name;
  if (fields.email === null) delete profile.email;
  else if (fields.email !== undefined) profile.email = fields.email;
  body.spec.profile = profile;
  return body;
}

function newEntity(kind: string, name: string, spec: Record<string, unknown>): Body {
  return { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name }, spec };
}

function clone(body: Record<string, unknown>): Body {
  const copy = structuredClone(body) as Body;
  copy.metadata ??= {};
  copy.spec ??= {};
  return copy;
}
