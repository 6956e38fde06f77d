// The catalog as on-call reads it, kept in each server's memory so "who is on call" answers without
// a query: schedules, escalation policies, and groups with their members and named policy. Marked
// stale by the catalog's events (follow-catalog.ts) and read again, once, by the next question.
// Nothing here is only in memory: it is all the catalog's, and overrides are read from the database.
import type { Catalog, CatalogEntity } from '../catalog/index.ts';
import { shiftAt } from './engine/index.ts';
import { namedPolicy, readPolicy, readSchedule, type ScheduleView } from './read-spec.ts';
import type { EscalationPolicyView } from './schemas.ts';

export interface GroupView {
  ref: string;
  members: string[];
  /** The policy its annotation names, with how. */
  policy: { ref: string; how: string } | null;
}

export interface OncallCatalog {
  schedules: Map<string, ScheduleView>;
  policies: Map<string, EscalationPolicyView>;
  groups: Map<string, GroupView>;
  /** Policies by the group their spec.owner is. */
  policiesByOwner: Map<string, string[]>;
}

/** The kinds the view holds; a change to an entity of another kind leaves it as it is. */
export const viewedKinds = ['schedule', 'escalationpolicy', 'group', 'user'];

export interface CatalogView {
  current(): Promise<OncallCatalog>;
  /** Marks the view stale: the next `current()` reads the catalog again. */
  invalidate(): void;
}

/** Told of a schedule the catalog accepted but the engine cannot expand: it is left out of the view. */
export type ScheduleProblem = (ref: string, message: string) => void;

export function createCatalogView(
  catalog: Pick<Catalog, 'entitiesOfKinds'>,
  onProblem: ScheduleProblem = () => {},
): CatalogView {
  let view: Promise<OncallCatalog> | null = null;
  let generation = 0;
  return {
    current() {
      if (view) return view;
      const started = generation;
      const reading = catalog
        .entitiesOfKinds(['schedule', 'escalationpolicy', 'group'])
        .then((entities) => buildView(entities, onProblem));
      view = reading;
      // A failed read, or one overtaken by a change while it ran, is not kept.
      reading.then(
        () => {
          if (generation !== started && view === reading) view = null;
        },
        () => {
          if (view === reading) view = null;
        },
      );
      return reading;
    },
    invalidate() {
      generation++;
      view = null;
    },
  };
}

function buildView(entities: CatalogEntity[], onProblem: ScheduleProblem): OncallCatalog {
  const view: OncallCatalog = {
    schedules: new Map(),
    policies: new Map(),
    groups: new Map(),
    policiesByOwner: new Map(),
  };
  for (const entity of entities) {
    if (entity.kind.toLowerCase() === 'schedule') {
      const schedule = readSchedule(entity);
      // One schedule the engine refuses must not take every answer down with it: it is left out, and said.
      try {
        shiftAt(schedule, [], new Date(0));
        view.schedules.set(entity.ref, schedule);
      } catch (error) {
        onProblem(entity.ref, error instanceof Error ? error.message : String(error));
      }
    } else if (entity.kind.toLowerCase() === 'escalationpolicy') {
      const policy = readPolicy(entity);
      view.policies.set(entity.ref, policy);
      if (policy.owner)
        view.policiesByOwner.set(policy.owner, [
          ...(view.policiesByOwner.get(policy.owner) ?? []),
          policy.ref,
        ]);
    } else {
      const members = entity.relations
        .filter((r) => r.type.toLowerCase() === 'hasmember')
        .map((r) => r.targetRef.toLowerCase());
      view.groups.set(entity.ref, {
        ref: entity.ref,
        members: [...new Set(members)].sort(),
        policy: namedPolicy(entity),
      });
    }
  }
  return view;
}
