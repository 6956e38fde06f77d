// The positioned YAML tree both parsers produce: the fast subset parser and the `yaml` fallback
// must build identical trees, so validation never knows (or cares) which one read a file.

/** A 1-based position in a file, in UTF-16 code units as JavaScript strings count them. */
export interface YamlPosition {
  line: number;
  column: number;
}

export interface YamlScalar extends YamlPosition {
  kind: 'scalar';
  /** The value as YAML 1.2's core schema resolves it. */
  value: string | number | boolean | null;
}

export interface YamlPair extends YamlPosition {
  /** The key as a JavaScript object key (what `doc.toJSON()` would use); the position is the key's. */
  key: string;
  value: YamlNode;
}

export interface YamlMap extends YamlPosition {
  kind: 'map';
  pairs: YamlPair[];
}

export interface YamlSeq extends YamlPosition {
  kind: 'seq';
  items: YamlNode[];
}

export type YamlNode = YamlScalar | YamlMap | YamlSeq;

export interface YamlSyntaxError extends YamlPosition {
  /** `duplicate-key` for a repeated mapping key, `too-deep` past the nesting limit, `yaml-syntax` for the rest. */
  code: 'yaml-syntax' | 'duplicate-key' | 'too-deep';
  message: string;
}

export interface YamlDocument {
  /** Null for an empty document (`---` with nothing after it, or only comments). */
  contents: YamlNode | null;
  /** Parser errors; a document with errors has no usable contents. */
  errors: YamlSyntaxError[];
}

/**
 * Positions of values that are not written at all (`owner:` with nothing after it) are the key's
 * (or the dash's, in a sequence): there is nothing else to point at.
 */
export function emptyScalar(line: number, column: number): YamlScalar {
  return { kind: 'scalar', value: null, line, column };
}

/** The plain JavaScript value of a node, as `yaml`'s `toJSON()` gives it. */
export function toPlain(node: YamlNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const pair of node.pairs) {
    // As `yaml` does: a key such as `__proto__` or `toString` is data, never the object's prototype.
    if (pair.key in out) {
      const value = toPlain(pair.value);
      Object.defineProperty(out, pair.key, { value, enumerable: true, writable: true, configurable: true });
    } else out[pair.key] = toPlain(pair.value);
  }
  return out;
}

export function findPair(map: YamlMap, key: string): YamlPair | undefined {
  for (const pair of map.pairs) if (pair.key === key) return pair;
  return undefined;
}
