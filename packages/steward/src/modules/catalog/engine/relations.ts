// Relations from the kind's declared relation fields: each ref is read as Backstage reads it, with
// the field's default kind (the referring entity's namespace by default); inverses are computed once
// every entity is known, from the inverse the field declares.

import { findPair, type YamlMap, type YamlNode, type YamlScalar } from '../../../platform/yaml/nodes.ts';
import { detached } from './detached.ts';
import type { EntityRelation, KindDefinition, RelationField, SourcePosition } from './model.ts';
import { type CheckedRef, checkRef } from './ref-checks.ts';
import type { Reporter } from './reporter.ts';

export interface DeclaredRef {
  field: RelationField;
  node: YamlScalar;
  /** The item's index when the path goes through a list (`spec.providesApis[1]`), else -1. */
  index: number;
  /** Where the path steps into a list and ends at one (`spec.layers[].members`): the index in the last. */
  lastIndex?: number;
  targetRef: string;
  /** False when no entity can have the ref (e.g. an e-mail address): it is not reported as dangling. */
  resolvable: boolean;
  position: SourcePosition;
}

/** Where a ref was written, as a path: `spec.providesApis[1]`, `spec.owners[0].ref`, `spec.layers[0].members[1]`. */
export function refPath(ref: Pick<DeclaredRef, 'field' | 'index' | 'lastIndex'>): string {
  const { path } = ref.field;
  const last = ref.lastIndex === undefined ? '' : `[${ref.lastIndex}]`;
  if (ref.index < 0) return path;
  return path.includes('[]') ? `${path.replace('[]', `[${ref.index}]`)}${last}` : `${path}[${ref.index}]`;
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
    const checked = checkedIn(steps, namespace);
    visitRefs(root, steps, 0, -1, (node, index, lastIndex) => {
      if (node.kind !== 'scalar' || typeof node.value !== 'string' || node.value === '') return;
      const result = cachedCheck(checked, field, node.value, namespace);
      if (!result.ok) {
        reporter.error(node, 'invalid-ref', `${refPath({ field, index, lastIndex })}: ${result.message}`);
        return;
      }
      for (const warning of result.warnings)
        reporter.warning(node, warning.code, `${refPath({ field, index, lastIndex })}: ${warning.message}`);
      if (result.targetRef === undefined) return;
      const { targetRef, resolvable } = result;
      const position = reporter.at(node);
      declared.push({ field, node, index, lastIndex, targetRef, resolvable, position });
    });
  }
  return declared;
}

/** What refs came to for this field in this namespace (nearly always the one namespace, `default`). */
function checkedIn(steps: Steps, namespace: string): Map<string, CheckedRef> {
  let checked = steps.checked.get(namespace);
  if (!checked) {
    if (steps.checked.size >= 1_000) steps.checked.clear();
    checked = new Map();
    steps.checked.set(detached(namespace), checked);
  }
  return checked;
}

/** The same refs (a team, a system) recur across thousands of entities: each field keeps what they came to. */
function cachedCheck(
  checked: Map<string, CheckedRef>,
  field: RelationField,
  text: string,
  namespace: string,
): CheckedRef {
  let result = checked.get(text);
  if (!result) {
    result = checkRef(field, text, namespace);
    // The cache outlives the file: neither its key nor its ref may keep the file's text alive.
    if (result.ok && result.targetRef !== undefined)
      result = { ...result, targetRef: detached(result.targetRef) };
    if (checked.size >= 50_000) checked.clear();
    checked.set(detached(text), result);
  }
  return result;
}

interface Steps {
  keys: string[];
  /** Refs already checked for this field, by namespace, then text. */
  checked: Map<string, Map<string, CheckedRef>>;
  /** Whether the path steps into a list (`[]`); if not, a list at its end is a list of refs. */
  eachItemAt: number;
}

const parsedPaths = new WeakMap<RelationField, Steps>();

/** A relation path read once: `spec.owners[].ref` is keys spec, owners, ref, stepping into owners' items. */
function stepsOf(field: RelationField): Steps {
  let steps = parsedPaths.get(field);
  if (!steps) {
    const segments = field.keys ? [...field.keys] : field.path.split('.');
    const eachItemAt = segments.findIndex((s) => s.endsWith('[]'));
    if (segments.filter((s) => s.endsWith('[]')).length > 1) {
      throw new Error(`relation path ${field.path}: only one list ([]) may be stepped into`);
    }
    steps = { keys: segments.map((s) => s.replace(/\[\]$/, '')), eachItemAt, checked: new Map() };
    parsedPaths.set(field, steps);
  }
  return steps;
}

function visitRefs(
  node: YamlNode,
  steps: Steps,
  depth: number,
  index: number,
  visit: (node: YamlNode, index: number, lastIndex?: number) => void,
): void {
  if (depth === steps.keys.length) {
    if (node.kind !== 'seq') visit(node, index);
    else if (steps.eachItemAt < 0)
      for (let i = 0; i < node.items.length; i++) visit(node.items[i] as YamlNode, i);
    else for (let i = 0; i < node.items.length; i++) visit(node.items[i] as YamlNode, index, i);
    return;
  }
  if (node.kind !== 'map') return;
  const pair = findPair(node, steps.keys[depth] as string);
  if (!pair) return;
  if (depth !== steps.eachItemAt) visitRefs(pair.value, steps, depth + 1, index, visit);
  else if (pair.value.kind === 'seq') {
    const { items } = pair.value;
    for (let i = 0; i < items.length; i++) visitRefs(items[i] as YamlNode, steps, depth + 1, i, visit);
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
  // Most entities have a handful of relations: comparing with those kept allocates nothing.
  if (relations.length > 32) return uniqueByKey(relations);
  const out: EntityRelation[] = [];
  for (const origin of ['declared', 'inverse'] as const) {
    for (const relation of relations) {
      if (relation.origin !== origin || holds(out, relation)) continue;
      out.push(relation);
    }
  }
  return out;
}

function holds(kept: readonly EntityRelation[], relation: EntityRelation): boolean {
  for (const other of kept)
    if (other.targetRef === relation.targetRef && other.type === relation.type) return true;
  return false;
}

function uniqueByKey(relations: readonly EntityRelation[]): EntityRelation[] {
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
