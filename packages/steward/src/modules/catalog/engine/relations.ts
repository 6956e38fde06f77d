// Relations from the kind's declared relation fields: each ref is read with the field's default and
// allowed kinds (the referring entity's namespace by default), and inverses are computed once every
// entity is known, from the inverse the field declares.

import { findPair, type YamlMap, type YamlNode, type YamlScalar } from '../../../platform/yaml/nodes.ts';
import type { EntityRelation, KindDefinition, RelationField, SourcePosition } from './model.ts';
import { parseEntityRef, stringifyEntityRef } from './refs.ts';
import type { Reporter } from './reporter.ts';

export interface DeclaredRef {
  field: RelationField;
  node: YamlScalar;
  /** The item's index when the path goes through a list (`spec.providesApis[1]`), else -1. */
  index: number;
  targetRef: string;
  position: SourcePosition;
}

/** Where a ref was written, as a path: `spec.providesApis[1]`, `spec.owners[0].ref`. */
export function refPath(ref: DeclaredRef): string {
  const { path } = ref.field;
  if (ref.index < 0) return path;
  return path.includes('[]') ? path.replace('[]', `[${ref.index}]`) : `${path}[${ref.index}]`;
}

export function readDeclaredRefs(
  root: YamlMap,
  kind: KindDefinition,
  namespace: string,
  reporter: Reporter,
): DeclaredRef[] {
  const declared: DeclaredRef[] = [];
  for (const field of kind.relations) {
    const steps = stepsOf(field);
    visitRefs(root, steps, 0, -1, (node, index) => {
      if (node.kind !== 'scalar' || typeof node.value !== 'string' || node.value === '') return;
      const resolved = resolveRef(steps, field, node.value, namespace);
      const ref: DeclaredRef = { field, node, index, targetRef: '', position: reporter.at(node) };
      if (resolved.ok) {
        ref.targetRef = resolved.targetRef;
        declared.push(ref);
      } else {
        reporter.error(node, 'invalid-ref', `${refPath(ref)}: ${resolved.message}`);
      }
    });
  }
  return declared;
}

type Resolved = { ok: true; targetRef: string } | { ok: false; message: string };

/** The same refs (a team, a system) recur across thousands of entities: each field keeps what they resolved to. */
function resolveRef(steps: Steps, field: RelationField, text: string, namespace: string): Resolved {
  const key = `${namespace}\n${text}`;
  let resolved = steps.resolved.get(key);
  if (!resolved) {
    const context = {
      defaultKind: field.defaultKind,
      defaultNamespace: namespace,
      allowedKinds: field.allowedKinds,
    };
    const parsed = parseEntityRef(text, context);
    resolved = parsed.ok ? { ok: true, targetRef: stringifyEntityRef(parsed.ref) } : parsed;
    if (steps.resolved.size >= 50_000) steps.resolved.clear();
    steps.resolved.set(key, resolved);
  }
  return resolved;
}

interface Steps {
  keys: string[];
  /** Refs already resolved for this field, by namespace and text. */
  resolved: Map<string, Resolved>;
  /** Whether the path steps into a list (`[]`); if not, a list at its end is a list of refs. */
  eachItemAt: number;
}

const parsedPaths = new WeakMap<RelationField, Steps>();

/** A relation path read once: `spec.owners[].ref` is keys spec, owners, ref, stepping into owners' items. */
function stepsOf(field: RelationField): Steps {
  let steps = parsedPaths.get(field);
  if (!steps) {
    const segments = field.path.split('.');
    const eachItemAt = segments.findIndex((s) => s.endsWith('[]'));
    if (segments.filter((s) => s.endsWith('[]')).length > 1) {
      throw new Error(`relation path ${field.path}: only one list ([]) may be stepped into`);
    }
    steps = { keys: segments.map((s) => s.replace(/\[\]$/, '')), eachItemAt, resolved: new Map() };
    parsedPaths.set(field, steps);
  }
  return steps;
}

function visitRefs(
  node: YamlNode,
  steps: Steps,
  depth: number,
  index: number,
  visit: (node: YamlNode, index: number) => void,
): void {
  if (depth === steps.keys.length) {
    if (steps.eachItemAt < 0 && node.kind === 'seq') {
      for (const [i, item] of node.items.entries()) visit(item, i);
    } else visit(node, index);
    return;
  }
  if (node.kind !== 'map') return;
  const pair = findPair(node, steps.keys[depth] as string);
  if (!pair) return;
  if (depth !== steps.eachItemAt) visitRefs(pair.value, steps, depth + 1, index, visit);
  else if (pair.value.kind === 'seq') {
    for (const [i, item] of pair.value.items.entries()) visitRefs(item, steps, depth + 1, i, visit);
  }
}

export function declaredRelations(declared: readonly DeclaredRef[]): EntityRelation[] {
  return declared.map((d) => ({
    type: d.field.relation,
    targetRef: d.targetRef,
    origin: 'declared',
    position: d.position,
  }));
}

/** One relation per type and target; a declared one wins over the same relation computed as an inverse. */
export function uniqueRelations(relations: readonly EntityRelation[]): EntityRelation[] {
  const seen = new Set<string>();
  const out: EntityRelation[] = [];
  for (const origin of ['declared', 'inverse'] as const) {
    for (const relation of relations) {
      const key = `${relation.type} ${relation.targetRef}`;
      if (relation.origin !== origin || seen.has(key)) continue;
      seen.add(key);
      out.push(relation);
    }
  }
  return out;
}
