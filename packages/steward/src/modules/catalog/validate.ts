// Validates one YAML document as an entity: the envelope and metadata with Backstage's rules, the
// spec with its kind's schema, refs with their relation fields, owners, and the organisation's rules.
import { type FileReference, locationTargets, resolveReferences, type Written } from './file-references.ts';
import { envelopeSchema } from './kinds/envelope.ts';
import type { KindRegistry } from './kinds/registry.ts';
import type { CatalogEntity, CatalogRules, SourcePosition } from './model.ts';
import { isValidApiVersion, isValidEntityName, isValidKind, isValidNamespace } from './names.ts';
import { readOwners } from './owners.ts';
import { defaultNamespace, describeKinds, stringifyEntityRef } from './refs.ts';
import { type DeclaredRef, declaredRelations, readDeclaredRefs } from './relations.ts';
import type { Reporter } from './reporter.ts';
import { applyRules } from './rules.ts';
import { describe, validateNode } from './schema.ts';
import { findPair, toPlain, type YamlMap, type YamlNode } from './yaml/nodes.ts';

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
  const { root, kinds } = input;
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
  const placeholder = (pair: { value: YamlNode }) => {
    if (pair.value.kind === 'scalar') written.push({ node: pair.value, follow: false, required: true });
  };
  validateNode(root, envelopeSchema, '', reporter.error, placeholder);

  const apiVersion = stringAt(root, 'apiVersion');
  const kindName = stringAt(root, 'kind');
  const wellFormed = apiVersion && kindName && isValidApiVersion(apiVersion) && isValidKind(kindName);
  const definition = wellFormed ? kinds.find(apiVersion, kindName) : undefined;
  if (wellFormed && !definition) reportUnknownKind(root, apiVersion, kindName, kinds, reporter);

  let declared: DeclaredRef[] = [];
  let owners: CatalogEntity['owners'] = [];
  const spec = findPair(root, 'spec');
  if (definition) {
    if (definition.unsupported) {
      reporter.warning(findPair(root, 'kind')?.value ?? root, 'unsupported-kind', definition.unsupported);
    }
    if (!spec) reporter.error(root, 'missing-field', `the entity is missing the required field "spec"`);
    else if (spec.value.kind === 'map')
      validateNode(spec.value, definition.spec, 'spec', reporter.error, placeholder);
    declared = readDeclaredRefs(root, definition, identity.namespace, reporter);
    owners = readOwners(root, definition, declared, reporter);
    if (input.rules) applyRules(root, definition.kind, owners, input.rules, reporter);
    if (definition.kind === 'Location') written.push(...locationTargets(root));
  }
  const references = resolveReferences(written, input.rootDirectory, reporter);
  if (identity.ref === null || !apiVersion || !kindName) return undefined;

  const metadata = toPlain(findPair(root, 'metadata')?.value ?? root) as Record<string, unknown>;
  metadata.namespace = identity.namespace;
  const specValue = spec?.value.kind === 'map' ? (toPlain(spec.value) as Record<string, unknown>) : {};
  const source = { ...reporter.at(root), document: input.index };
  const entity: CatalogEntity = {
    ref: identity.ref,
    apiVersion,
    kind: kindName,
    namespace: identity.namespace,
    name: identity.name,
    metadata,
    spec: specValue,
    owners,
    relations: declaredRelations(declared),
    source,
  };
  const valid = reporter.errorCount === errorsBefore;
  return { entity, valid, namePosition: reporter.at(identity.nameAt ?? root), declared, references };
}

interface Identity {
  /** Null when kind, name or namespace is missing or malformed: there is no ref to give. */
  ref: string | null;
  name: string;
  namespace: string;
  nameAt: YamlNode | undefined;
}

function readIdentity(root: YamlMap): Identity {
  const kind = stringAt(root, 'kind');
  const metadata = findPair(root, 'metadata')?.value;
  const nameNode = metadata?.kind === 'map' ? findPair(metadata, 'name')?.value : undefined;
  const name = nameNode?.kind === 'scalar' && typeof nameNode.value === 'string' ? nameNode.value : '';
  const namespaceNode = metadata?.kind === 'map' ? findPair(metadata, 'namespace')?.value : undefined;
  const namespace =
    namespaceNode === undefined
      ? defaultNamespace
      : namespaceNode.kind === 'scalar'
        ? namespaceNode.value
        : null;
  const valid =
    kind !== undefined &&
    isValidKind(kind) &&
    isValidEntityName(name) &&
    typeof namespace === 'string' &&
    isValidNamespace(namespace);
  return {
    ref: valid ? stringifyEntityRef({ kind, namespace, name }) : null,
    name,
    // Refs inherit the namespace: a malformed one (already reported) would only add noise.
    namespace: typeof namespace === 'string' && isValidNamespace(namespace) ? namespace : defaultNamespace,
    nameAt: nameNode,
  };
}

function reportUnknownKind(
  root: YamlMap,
  apiVersion: string,
  kind: string,
  kinds: KindRegistry,
  reporter: Reporter,
): void {
  const named = kinds.named(kind);
  const sameCase = named.filter((d) => d.kind === kind);
  const kindPair = findPair(root, 'kind') as NonNullable<ReturnType<typeof findPair>>;
  if (sameCase.length > 0) {
    const versions = sameCase.flatMap((d) => d.apiVersions).join(', ');
    const versionPair = findPair(root, 'apiVersion') as NonNullable<ReturnType<typeof findPair>>;
    reporter.error(
      versionPair.value,
      'invalid-api-version',
      `${kind} is read with apiVersion ${versions}; found "${apiVersion}"`,
    );
  } else if (named.length > 0) {
    reporter.error(
      kindPair.value,
      'unknown-kind',
      `kind "${kind}" is not known; kinds are case-sensitive: did you mean ${(named[0] as { kind: string }).kind}?`,
    );
  } else {
    reporter.error(
      kindPair.value,
      'unknown-kind',
      `kind "${kind}" is not known; the known kinds are ${describeKinds(kinds.kindNames())}`,
    );
  }
}

function stringAt(map: YamlMap, key: string): string | undefined {
  const node = findPair(map, key)?.value;
  return node?.kind === 'scalar' && typeof node.value === 'string' && node.value !== ''
    ? node.value
    : undefined;
}
