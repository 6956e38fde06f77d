// One ownership model for every kind: Backstage's single `spec.owner` is the primary owner; a
// Steward `spec.owners` list names owners with roles, exactly one of them `primary`.

import { findPair, type YamlMap, type YamlNode, type YamlPair } from '../../../platform/yaml/nodes.ts';
import type { EntityOwner, KindDefinition } from './model.ts';
import type { DeclaredRef } from './relations.ts';
import type { Reporter } from './reporter.ts';

export const primaryRole = 'primary';

export function readOwners(
  root: YamlMap,
  kind: KindDefinition,
  declared: readonly DeclaredRef[],
  reporter: Reporter,
): EntityOwner[] {
  if (!kind.owners) return [];
  const located = pairAtPath(root, kind.owners);
  if (!located) return [];
  const refOf = (node: YamlNode | undefined) => declared.find((d) => d.node === node);
  if (located.value.kind !== 'seq') {
    const ref = refOf(located.value);
    return ref ? [{ ref: ref.targetRef, role: primaryRole, position: ref.position }] : [];
  }
  const owners: EntityOwner[] = [];
  const primaries: YamlNode[] = [];
  for (const item of located.value.items) {
    if (item.kind !== 'map') continue;
    const roleNode = findPair(item, 'role')?.value;
    const role =
      roleNode?.kind === 'scalar' && typeof roleNode.value === 'string' ? roleNode.value : undefined;
    if (role === primaryRole && roleNode) primaries.push(roleNode);
    const ref = refOf(findPair(item, 'ref')?.value);
    if (ref && role) owners.push({ ref: ref.targetRef, role, position: ref.position });
  }
  const path = kind.owners;
  if (primaries.length === 0 && located.value.items.length > 0) {
    reporter.error(
      located,
      'invalid-owners',
      `${path} has no primary owner: give exactly one owner role: primary`,
    );
  }
  for (const extra of primaries.slice(1)) {
    const first = primaries[0] as YamlNode;
    reporter.error(
      extra,
      'invalid-owners',
      `${path} has more than one primary owner (the first is on line ${first.line}): give exactly one owner role: primary, the others role: secondary`,
    );
  }
  return owners;
}

/** The pair at a dotted path of mappings: its key's position is where a problem with the whole field points. */
function pairAtPath(root: YamlMap, path: string): YamlPair | undefined {
  let map: YamlMap = root;
  const segments = path.split('.');
  for (const [i, segment] of segments.entries()) {
    const pair = findPair(map, segment);
    if (!pair || i === segments.length - 1) return pair;
    if (pair.value.kind !== 'map') return undefined;
    map = pair.value;
  }
  return undefined;
}
