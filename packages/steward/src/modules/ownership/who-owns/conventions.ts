// The weakest evidence: a label (service, app, app.kubernetes.io/name, job) or an object's name
// equal to a Component's name. It speaks only for components that declare no selector of their own,
// and always loses to a selector or annotation.
import type { Match } from './decide.ts';
import { provenanceAt } from './entity-fields.ts';
import { entitiesNamed } from './name-lists.ts';
import type { OwnershipIndex } from './ownership-index.ts';

export interface NamedBy {
  /** What carries the name, as shown: `label service=checkout-api`, `object name checkout-api`. */
  carrier: string;
  value: string;
  /** Higher wins among conventions. */
  priority: number;
}

export function conventionMatches(
  index: OwnershipIndex,
  names: readonly NamedBy[],
  selecting: ReadonlySet<string>,
): Match[] {
  const matches: Match[] = [];
  for (const { carrier, value, priority } of names) {
    for (const entity of entitiesNamed(index.componentsByName, value.toLowerCase())) {
      if (selecting.has(entity.ref)) continue;
      const rule = `${carrier} equals the name of ${entity.ref}`;
      matches.push({
        entity,
        provenance: provenanceAt(entity, 'label-convention', rule),
        rank: [1, priority],
        strength: `the naming convention ${carrier}`,
        how: `${rule}, a naming convention (no selector or annotation matches)`,
      });
    }
  }
  return matches;
}
