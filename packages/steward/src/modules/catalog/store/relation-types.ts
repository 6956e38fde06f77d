// Each relation type and its inverse, as the built-in kinds declare them (`dependsOn` ↔
// `dependencyOf`): the store keeps both directions, and reads one from the other.
import { backstageKinds } from '../engine/kinds/backstage.ts';
import { oncallKinds } from '../engine/kinds/oncall.ts';
import { stewardKinds } from '../engine/kinds/steward.ts';
import type { KindDefinition } from '../engine/model.ts';

const inverses = new Map<string, string>();

export function registerRelationTypes(kinds: readonly KindDefinition[]): void {
  for (const kind of kinds) {
    for (const field of kind.relations) {
      if (!inverses.has(field.relation)) inverses.set(field.relation, field.inverse);
      if (!inverses.has(field.inverse)) inverses.set(field.inverse, field.relation);
    }
  }
}

registerRelationTypes([...backstageKinds, ...stewardKinds, ...oncallKinds]);

export function inverseOf(type: string): string | undefined {
  return inverses.get(type);
}

/** Kinds whose definition names owners: an entity of these kinds without a valid owner is an orphan. */
export const ownedKinds: string[] = [
  ...new Set(
    [...backstageKinds, ...stewardKinds, ...oncallKinds]
      .filter((k) => k.owners)
      .map((k) => k.kind.toLowerCase()),
  ),
];
