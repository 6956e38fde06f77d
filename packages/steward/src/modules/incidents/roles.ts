// Roles: commander, communications, operations, scribe. Giving one notifies the person through their
// contact methods (a durable job, enqueued with the change); every change lands on the timeline.
import type { IncidentContext } from './context.ts';
import { personOf } from './refs.ts';
import type { Db } from './store.ts';
import type { RoleName, Roles } from './tables.ts';
import { addItem } from './timeline.ts';

export const roleNames: readonly RoleName[] = ['commander', 'communications', 'operations', 'scribe'];

/** Persons checked and written as User refs; null (take the role away) kept. */
export async function checkRoles(
  ctx: IncidentContext,
  roles: Partial<Record<RoleName, string | null | undefined>>,
  field: string,
): Promise<Partial<Record<RoleName, string | null>>> {
  const checked: Partial<Record<RoleName, string | null>> = {};
  for (const name of roleNames) {
    const value = roles[name];
    if (value === undefined) continue;
    checked[name] = value === null ? null : await personOf(ctx.hasPerson, value, `${field}.${name}`);
  }
  return checked;
}

/**
 * Writes the timeline items and queues the notices for the roles that change; answers the roles
 * that did change (to store), leaving out those already held by the same person.
 */
export async function assignRoles(
  ctx: IncidentContext,
  trx: Db,
  incident: { id: string; roles: Roles },
  wanted: Partial<Record<RoleName, string | null>>,
  by: string,
  now: Date,
): Promise<Record<string, string | null>> {
  const changed: Record<string, string | null> = {};
  for (const name of roleNames) {
    const person = wanted[name];
    if (person === undefined || (incident.roles[name] ?? null) === person) continue;
    changed[name] = person;
    const text =
      person === null
        ? `${by} took ${name} from ${incident.roles[name]}`
        : `${by} made ${person} ${name}${incident.roles[name] ? ` (was ${incident.roles[name]})` : ''}`;
    await addItem(trx, { incidentId: incident.id, type: 'role', actor: by, at: now, text });
    if (person === null) continue;
    const key = `incident:${incident.id}:role:${name}:${person}:${now.toISOString()}`;
    await ctx.queue.enqueue(
      ctx.jobs.notice,
      {
        incidentId: incident.id,
        person,
        text: `you are now the ${name} of this incident (given by ${by})`,
        // High: a role in a running incident needs the person now (low would go by email only).
        urgency: 'high',
        key,
      },
      { trx: trx as never, key },
    );
  }
  return changed;
}
