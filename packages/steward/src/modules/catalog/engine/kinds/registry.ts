// Looks kinds up by apiVersion and kind. Every definition's schema is checked once, here, against
// the subset the validator understands, so a kind can never be half-checked.

import { assertSupportedSchema } from '../json-schema.ts';
import type { KindDefinition } from '../model.ts';
import { alphaKinds } from './alpha.ts';
import { backstageKinds } from './backstage.ts';
import { escalatesWithAnnotation, oncallKinds } from './oncall.ts';
import { scorecardKinds } from './scorecard.ts';
import { stewardKinds } from './steward.ts';

export interface KindRegistry {
  /** The definition for this `spec.type` if the kind has one, else the kind's general one. */
  find(apiVersion: string, kind: string, specType?: string): KindDefinition | undefined;
  /** Definitions of a kind under any apiVersion, compared case-insensitively (for suggestions). */
  named(kind: string): KindDefinition[];
  kindNames(): string[];
}

export function createKindRegistry(extra: readonly KindDefinition[] = []): KindRegistry {
  const byVersion = new Map<string, Map<string, KindDefinition>>();
  const all = [
    ...backstageKinds,
    ...alphaKinds,
    ...stewardKinds,
    ...oncallKinds,
    ...scorecardKinds,
    ...extra,
  ].map(withAnnotations);
  for (const definition of all) {
    assertSupportedSchema(definition.spec, `kind ${definition.kind} spec`);
    for (const apiVersion of definition.apiVersions) {
      const kinds = byVersion.get(apiVersion) ?? new Map<string, KindDefinition>();
      kinds.set(keyOf(definition.kind, definition.specType), definition);
      byVersion.set(apiVersion, kinds);
    }
  }
  return {
    find: (apiVersion, kind, specType) => {
      const kinds = byVersion.get(apiVersion);
      return (specType === undefined ? undefined : kinds?.get(keyOf(kind, specType))) ?? kinds?.get(kind);
    },
    named: (kind) => all.filter((d) => d.kind.toLowerCase() === kind.toLowerCase()),
    kindNames: () => [...new Set(all.map((d) => d.kind))].sort(),
  };
}

/** Relations any entity may declare in its annotations, beside those of its kind. */
const withAnnotations = (definition: KindDefinition): KindDefinition =>
  definition.unsupported
    ? definition
    : { ...definition, relations: [...definition.relations, escalatesWithAnnotation] };

const keyOf = (kind: string, specType: string | undefined) =>
  specType === undefined ? kind : `${kind} ${specType}`;

let builtIn: KindRegistry | undefined;

export function builtInKinds(): KindRegistry {
  builtIn ??= createKindRegistry();
  return builtIn;
}
