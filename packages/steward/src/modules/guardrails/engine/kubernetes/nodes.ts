// Reading the positioned YAML tree (platform/yaml) the way checks need it: a field of a map, as a
// string, boolean, number, list or map, each keeping its line for the finding that points at it.
import type { YamlMap, YamlNode, YamlPair, YamlSeq } from '../../../../platform/yaml/nodes.ts';

export type { YamlMap, YamlNode, YamlPair, YamlSeq };

export function pair(map: YamlNode | undefined, key: string): YamlPair | undefined {
  if (map?.kind !== 'map') return undefined;
  for (const p of map.pairs) if (p.key === key) return p;
  return undefined;
}

export function field(map: YamlNode | undefined, key: string): YamlNode | undefined {
  return pair(map, key)?.value;
}

export function mapAt(map: YamlNode | undefined, ...keys: string[]): YamlMap | undefined {
  let node: YamlNode | undefined = map;
  for (const key of keys) node = field(node, key);
  return node?.kind === 'map' ? node : undefined;
}

export function seqAt(map: YamlNode | undefined, key: string): YamlNode[] {
  const node = field(map, key);
  return node?.kind === 'seq' ? node.items : [];
}

/** A scalar as text (numbers and booleans as YAML wrote them); undefined for anything else. */
export function text(node: YamlNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

export function stringAt(map: YamlNode | undefined, key: string): string | undefined {
  return text(field(map, key));
}

export function boolAt(map: YamlNode | undefined, key: string): boolean | undefined {
  const node = field(map, key);
  return node?.kind === 'scalar' && typeof node.value === 'boolean' ? node.value : undefined;
}

export function numberAt(map: YamlNode | undefined, key: string): number | undefined {
  const node = field(map, key);
  if (node?.kind !== 'scalar') return undefined;
  if (typeof node.value === 'number') return node.value;
  if (typeof node.value === 'string' && /^\d+$/.test(node.value)) return Number(node.value);
  return undefined;
}

/** A map of string values (labels, a Service selector); non-scalar values are skipped. */
export function stringMap(node: YamlNode | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (node?.kind !== 'map') return out;
  for (const p of node.pairs) {
    const value = text(p.value);
    if (value !== undefined) out[p.key] = value;
  }
  return out;
}
