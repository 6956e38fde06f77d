// Who a document says it is: its kind and apiVersion (and the kind definition that reads them), its
// name and namespace, and so its ref. Unknown kinds and apiVersions are reported at their values.

import { findPair, type YamlMap, type YamlNode } from '../../../platform/yaml/nodes.ts';
import { detached } from './detached.ts';
import type { KindRegistry } from './kinds/registry.ts';
import type { KindDefinition } from './model.ts';
import { isValidApiVersion, isValidEntityName, isValidKind, isValidNamespace } from './names.ts';
import { defaultNamespace, describeKinds, stringifyEntityRef } from './refs.ts';
import type { Reporter } from './reporter.ts';

export interface Identity {
  apiVersion: string | undefined;
  kind: string | undefined;
  /** Null when kind, name or namespace is missing or malformed: there is no ref to give. */
  ref: string | null;
  name: string;
  /** The namespace refs inherit: the entity's own, or `default` if it is missing or malformed. */
  namespace: string;
  nameAt: YamlNode | undefined;
}

export function readIdentity(root: YamlMap): Identity {
  const kind = stringAt(root, 'kind');
  const metadata = findPair(root, 'metadata')?.value;
  const nameNode = metadata?.kind === 'map' ? findPair(metadata, 'name')?.value : undefined;
  const name = nameNode?.kind === 'scalar' && typeof nameNode.value === 'string' ? nameNode.value : '';
  const namespaceNode = metadata?.kind === 'map' ? findPair(metadata, 'namespace')?.value : undefined;
  let namespace: unknown = defaultNamespace;
  if (namespaceNode) namespace = namespaceNode.kind === 'scalar' ? namespaceNode.value : null;
  const validNamespace = typeof namespace === 'string' && isValidNamespace(namespace) ? namespace : undefined;
  const valid =
    kind !== undefined && isValidKind(kind) && isValidEntityName(name) && validNamespace !== undefined;
  return {
    apiVersion: stringAt(root, 'apiVersion'),
    kind,
    // Kept far longer than the file (sets of refs read, the whole-set check): not a slice of its text.
    ref: valid ? detached(stringifyEntityRef({ kind, namespace: validNamespace, name })) : null,
    name,
    namespace: validNamespace ?? defaultNamespace,
    nameAt: nameNode,
  };
}

/** The kind definition reading this apiVersion and kind; a problem if there is none (malformed ones are the schema's). */
export function findDefinition(root: YamlMap, identity: Identity, kinds: KindRegistry, reporter: Reporter) {
  const { apiVersion, kind } = identity;
  if (!apiVersion || !kind || !isValidApiVersion(apiVersion) || !isValidKind(kind)) return undefined;
  const spec = findPair(root, 'spec')?.value;
  const type = spec?.kind === 'map' ? findPair(spec, 'type')?.value : undefined;
  const specType = type?.kind === 'scalar' && typeof type.value === 'string' ? type.value : undefined;
  const definition = kinds.find(apiVersion, kind, specType);
  if (definition) return definition;
  const named = kinds.named(kind);
  const sameCase = named.filter((d) => d.kind === kind);
  const at = (key: string) => findPair(root, key)?.value ?? root;
  if (sameCase.length > 0) {
    const versions = sameCase.flatMap((d) => d.apiVersions).join(', ');
    const message = `${kind} is read with apiVersion ${versions}; found "${apiVersion}"`;
    reporter.error(at('apiVersion'), 'invalid-api-version', message);
  } else {
    reporter.error(at('kind'), 'unknown-kind', unknownKindMessage(kind, named, kinds));
  }
  return undefined;
}

function unknownKindMessage(kind: string, otherCase: KindDefinition[], kinds: KindRegistry): string {
  const [suggestion] = otherCase;
  if (suggestion)
    return `kind "${kind}" is not known; kinds are case-sensitive: did you mean ${suggestion.kind}?`;
  return `kind "${kind}" is not known; the known kinds are ${describeKinds(kinds.kindNames())}`;
}

function stringAt(map: YamlMap, key: string): string | undefined {
  const node = findPair(map, key)?.value;
  return node?.kind === 'scalar' && typeof node.value === 'string' && node.value !== ''
    ? node.value
    : undefined;
}
