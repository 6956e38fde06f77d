// Who to reach about an entity: its owning team's name and e-mail (the Group's spec.profile), and the
// team's leads (members with the lead role, or the Group's steward.dev/leads annotation) with theirs.
import { fetchEntity } from '../../api/catalog.ts';
import { ApiError } from '../../api/http.ts';
import { fetchTeam, fetchUser } from '../../api/identity.ts';
import { parseRef } from './entity-refs.ts';

export interface OwnerContact {
  ref: string;
  kind: string;
  /** The team's or person's display name; null when no entity answers to the ref. */
  displayName: string | null;
  email: string | null;
  leads: { handle: string; name: string; email: string | null }[];
}

interface Profile {
  displayName?: unknown;
  email?: unknown;
}

export async function loadOwnerContact(ref: string): Promise<OwnerContact> {
  const { kind, namespace, name } = parseRef(ref);
  const entity = await orNull(fetchEntity({ kind, namespace, name }));
  const body = (entity?.entity ?? {}) as {
    spec?: { profile?: Profile };
    metadata?: { annotations?: unknown };
  };
  const profile = body.spec?.profile ?? {};
  const contact: OwnerContact = {
    ref,
    kind,
    displayName: entity ? (text(profile.displayName) ?? entity.title ?? name) : null,
    email: text(profile.email),
    leads: [],
  };
  if (kind !== 'group' || namespace !== 'default') return contact;
  const team = await orNull(fetchTeam(name));
  const handles = new Set(team?.members.filter((m) => m.role === 'lead').map((m) => m.handle) ?? []);
  for (const handle of leadsAnnotation(body.metadata?.annotations)) handles.add(handle);
  const people = await Promise.all([...handles].map((handle) => orNull(fetchUser(handle))));
  contact.leads = [...handles].map((handle, index) => ({
    handle,
    name: people[index]?.name ?? handle,
    email: people[index]?.email ?? null,
  }));
  return contact;
}

/** `steward.dev/leads: kelsey-okafor, mateo-rossi` (names or user refs). */
function leadsAnnotation(annotations: unknown): string[] {
  const value = (annotations as Record<string, unknown> | undefined)?.['steward.dev/leads'];
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((each) => parseRef(each.trim()).name)
    .filter(Boolean);
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** Not found is an answer here (an owner outside the catalog, a team with no identity record). */
async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
