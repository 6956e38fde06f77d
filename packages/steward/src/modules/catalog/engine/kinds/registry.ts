// Looks kinds up by apiVersion and kind. Every definition's schema is checked once, here, against
// the subset the validator understands, so a kind can never be half-checked.

import { assertSupportedSchema } from '../json-schema.ts';
import type { KindDefinition } from '../model.ts';
import { backstageKinds } from './backstage.ts';
import { stewardKinds } from './steward.ts';

export interface KindRegistry {
  find(apiVersion: string, kind: string): KindDefinition | undefined;
  /** Definitions of a kind under any apiVersion, compared case-insensitively (for suggestions). */
  named(kind: string): KindDefinition[];
  kindNames(): string[];
}

export function createKindRegistry(extra: readonly KindDefinition[] = []): KindRegistry {
  const byVersion = new Map<string, Map<string, KindDefinition>>();
  const all = [...backstageKinds, ...stewardKinds, ...extra];
  for (const definition of all) {
    assertSupportedSchema(definition.spec, `kind ${definition.kind} spec`);
    for (const apiVersion of definition.apiVersions) {
      const kinds = byVersion.get(apiVersion) ?? new Map<string, KindDefinition>();
      kinds.set(definition.kind, definition);
      byVersion.set(apiVersion, kinds);
    }
  }
  return {
    find: (apiVersion, kind) => byVersion.get(apiVersion)?.get(kind),
    named: (kind) => all.filter((d) => d.kind.toLowerCase() === kind.toLowerCase()),
    kindNames: () => [...new Set(all.map((d) => d.kind))].sort(),
  };
}

let builtIn: KindRegistry | undefined;

export function builtInKinds(): KindRegistry {
  builtIn ??= createKindRegistry();
  return builtIn;
}
