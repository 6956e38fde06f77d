// An organisation's own rules on top of the formats: required annotations, allowed lifecycles,
// owners that must be teams. Each is configured with the severity it is reported at.

import { findPair, type YamlMap } from '../../../platform/yaml/nodes.ts';
import type { CatalogRules, EntityOwner } from './model.ts';
import { quoteToken } from './quote-token.ts';
import type { Reporter } from './reporter.ts';

export function applyRules(
  root: YamlMap,
  kind: string,
  owners: readonly EntityOwner[],
  rules: CatalogRules,
  reporter: Reporter,
): void {
  const metadata = findPair(root, 'metadata');
  const required = rules.requiredAnnotations;
  if (required && metadata?.value.kind === 'map' && appliesTo(required.kinds, kind)) {
    const annotations = findPair(metadata.value, 'annotations');
    // A missing key points at the mapping it is missing from: the annotations, or else metadata.
    const where =
      annotations?.value.kind === 'map' && annotations.value.pairs.length > 0
        ? annotations.value
        : metadata.value;
    for (const key of required.keys) {
      if (annotations?.value.kind === 'map' && findPair(annotations.value, key)) continue;
      const message = `metadata.annotations is missing "${key}", which this organisation requires on every ${kind}`;
      reporter.report(where, 'missing-annotation', message, required.severity);
    }
  }
  const lifecycles = rules.allowedLifecycles;
  const spec = findPair(root, 'spec')?.value;
  const lifecycle = spec?.kind === 'map' ? findPair(spec, 'lifecycle')?.value : undefined;
  if (lifecycles && lifecycle?.kind === 'scalar' && typeof lifecycle.value === 'string') {
    if (!lifecycles.values.includes(lifecycle.value)) {
      const message = `spec.lifecycle must be one of ${lifecycles.values.join(', ')} (an organisation rule); found ${quoteToken(lifecycle.value)}`;
      reporter.report(lifecycle, 'disallowed-lifecycle', message, lifecycles.severity);
    }
  }
  const groupOwners = rules.ownerMustBeGroup;
  if (groupOwners) {
    for (const owner of owners) {
      if (owner.ref.startsWith('group:')) continue;
      const message = `owner ${owner.ref} is not a Group; this organisation requires teams (Groups) as owners`;
      reporter.report(owner.position, 'owner-not-group', message, groupOwners.severity);
    }
  }
}

function appliesTo(kinds: readonly string[] | undefined, kind: string): boolean {
  return kinds === undefined || kinds.some((k) => k.toLowerCase() === kind.toLowerCase());
}
