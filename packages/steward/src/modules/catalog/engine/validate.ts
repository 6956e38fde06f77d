// Validates one YAML document as an entity: the envelope and metadata with Backstage's rules, the
// spec with its kind's schema, refs with their relation fields, owners, and the organisation's rules.

import { findPair, toPlain, type YamlMap, type YamlNode } from '../../../platform/yaml/nodes.ts';
import { findDefinition, readIdentity } from './entity-identity.ts';
import { type FileReference, locationTargets, resolveReferences, type Written } from './file-references.ts';
import { describe, type PlaceholderSeen, validateNode } from './json-schema.ts';
import { envelopeSchema } from './kinds/envelope.ts';
import type { KindRegistry } from './kinds/registry.ts';
import type { CatalogEntity, CatalogRules, EntityOwner, KindDefinition, SourcePosition } from './model.ts';
import { readOwners } from './owners.ts';
import { type DeclaredRef, declaredRelations, readDeclaredRefs } from './relations.ts';
import type { Reporter } from './reporter.ts';
import { applyRules } from './rules.ts';

/** An entity as read from one document, before the catalog-wide checks (duplicates, dangling refs). */
export interface EntityCandidate {
  entity: CatalogEntity;
  /** False when the document had errors: it is checked against the others but not kept. */
  valid: boolean;
  /** Where `metadata.name` is written: a duplicate is pointed at there. */
  namePosition: SourcePosition;
  declared: DeclaredRef[];
  references: FileReference[];
}

export interface DocumentInput {
  root: YamlNode;
  /** 0-based index of the document in its file. */
  index: number;
  /** The directory being read: references may not leave it. */
  rootDirectory: string;
  kinds: KindRegistry;
  rules?: CatalogRules;
}

export function validateDocument(input: DocumentInput, reporter: Reporter): EntityCandidate | undefined {
  const { root } = input;
  if (root.kind !== 'map') {
    const message = `a catalog document must be a mapping with apiVersion, kind, metadata and spec; found ${describe(root)}`;
    reporter.entity = null;
    reporter.error(root, 'invalid-document', message);
    return undefined;
  }
  const identity = readIdentity(root);
  reporter.entity = identity.ref;
  const errorsBefore = reporter.errorCount;
  const written: Written[] = [];
  const placeholder: PlaceholderSeen = ({ key, value }, at, { type }) => {
    if (value.kind === 'scalar')
      written.push({ node: value, follow: false, required: true, substitution: { key, at, type } });
  };
  validateNode(root, envelopeSchema, '', reporter.error, placeholder);
  const definition = findDefinition(root, identity, input.kinds, reporter);
  const checked = definition
    ? checkKind(root, definition, identity.namespace, input.rules, reporter, placeholder)
    : { declared: [], owners: [] };
  if (definition?.kind === 'Location') written.push(...locationTargets(root, reporter));
  const references = resolveReferences(written, input.rootDirectory, reporter);
  const { ref, apiVersion, kind } = identity;
  if (ref === null || !apiVersion || !kind) return undefined;

  const metadata = toPlain(findPair(root, 'metadata')?.value ?? root) as Record<string, unknown>;
  metadata.namespace = identity.namespace;
  const spec = findPair(root, 'spec')?.value;
  const entity: CatalogEntity = {
    ref,
    apiVersion,
    kind,
    namespace: identity.namespace,
    name: identity.name,
    metadata,
    spec: spec?.kind === 'map' ? (toPlain(spec) as Record<string, unknown>) : {},
    owners: checked.owners,
    relations: declaredRelations(checked.declared),
    source: { ...reporter.at(root), document: input.index },
  };
  const valid = reporter.errorCount === errorsBefore;
  const namePosition = reporter.at(identity.nameAt ?? root);
  return { entity, valid, namePosition, declared: checked.declared, references };
}

/** What the kind's definition checks: its spec schema, its relation fields, its owners, the organisation's rules. */
function checkKind(
  root: YamlMap,
  definition: KindDefinition,
  namespace: string,
  rules: CatalogRules | undefined,
  reporter: Reporter,
  placeholder: PlaceholderSeen,
): { declared: DeclaredRef[]; owners: EntityOwner[] } {
  if (definition.unsupported) {
    reporter.warning(findPair(root, 'kind')?.value ?? root, 'unsupported-kind', definition.unsupported);
  }
  const spec = findPair(root, 'spec');
  if (!spec) reporter.error(root, 'missing-field', 'the entity is missing the required field "spec"');
  else if (spec.value.kind === 'map') {
    validateNode(spec.value, definition.spec, 'spec', reporter.error, placeholder);
    definition.checkSpec?.(spec.value, reporter.error);
  }
  const declared = readDeclaredRefs(root, definition, namespace, reporter);
  const owners = readOwners(root, definition, declared, reporter);
  if (rules) applyRules(root, definition.kind, owners, rules, reporter);
  return { declared, owners };
}
