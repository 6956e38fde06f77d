// Reading a positioned YAML tree field by field: each problem names the file, line, column and the
// field's path, and says what would be right. Unknown fields are errors (a typo must not vanish).
import { findPair, type YamlMap, type YamlNode, type YamlPosition } from '../../../platform/yaml/nodes.ts';
import type { SpecProblem } from './model.ts';

export class FieldReader {
  readonly problems: SpecProblem[] = [];
  readonly file: string;
  private readonly source: string;
  constructor(file: string, source: string) {
    this.file = file;
    this.source = source;
  }

  problem(at: YamlPosition, field: string, message: string): void {
    this.problems.push({ file: this.file, line: at.line, column: at.column, field, message });
  }

  /** The node as a mapping with only `allowed` keys (aliases: `a|b`), or undefined (reported). */
  map(node: YamlNode | undefined, field: string, allowed: string[]): YamlMap | undefined {
    if (!node || (node.kind === 'scalar' && node.value === null)) return undefined;
    if (node.kind !== 'map') {
      this.problem(node, field, `must be a mapping of ${allowed.map((a) => a.split('|')[0]).join(', ')}`);
      return undefined;
    }
    const known = new Set(allowed.flatMap((a) => a.split('|')));
    for (const pair of node.pairs) {
      if (known.has(pair.key)) continue;
      const names = allowed.map((a) => a.split('|')[0]).join(', ');
      this.problem(pair, join(field, pair.key), `unknown field "${pair.key}"; the fields here are: ${names}`);
    }
    return node;
  }

  /** The value of `key` (or one of its `a|b` aliases) in `map`. */
  get(map: YamlMap | undefined, key: string): { node: YamlNode; key: string } | undefined {
    if (!map) return undefined;
    for (const name of key.split('|')) {
      const pair = findPair(map, name);
      if (pair) return { node: pair.value, key: name };
    }
    return undefined;
  }

  /** Where `key`'s value is written, else the map itself (for a missing field). */
  position(map: YamlMap | undefined, key: string, fallback: YamlPosition): YamlPosition {
    return this.get(map, key)?.node ?? map ?? fallback;
  }

  /**
   * A string field. Numbers and booleans are taken as written (`tier: 2` is "2"), as Go's YAML
   * decoder does for a string field.
   */
  string(map: YamlMap | undefined, key: string, field: string): string | undefined {
    const found = this.get(map, key);
    if (!found) return undefined;
    const { node } = found;
    if (node.kind !== 'scalar') {
      this.problem(node, join(field, found.key), 'must be a single value (text), not a list or mapping');
      return undefined;
    }
    if (node.value === null) return undefined;
    if (typeof node.value === 'string') return node.value;
    return this.writtenText(node) ?? String(node.value);
  }

  number(
    map: YamlMap | undefined,
    key: string,
    field: string,
  ): { value: number; at: YamlPosition } | undefined {
    const found = this.get(map, key);
    if (!found) return undefined;
    const { node } = found;
    if (node.kind !== 'scalar' || typeof node.value !== 'number') {
      this.problem(node, join(field, found.key), 'must be a number, written without quotes (e.g. 99.9)');
      return undefined;
    }
    return { value: node.value, at: node };
  }

  boolean(map: YamlMap | undefined, key: string, field: string): boolean | undefined {
    const found = this.get(map, key);
    if (!found) return undefined;
    if (found.node.kind !== 'scalar' || typeof found.node.value !== 'boolean') {
      this.problem(found.node, join(field, found.key), 'must be true or false');
      return undefined;
    }
    return found.node.value;
  }

  /** A mapping of text to text (labels, annotations). */
  stringMap(map: YamlMap | undefined, key: string, field: string): Record<string, string> {
    const found = this.get(map, key);
    const out: Record<string, string> = {};
    if (!found || (found.node.kind === 'scalar' && found.node.value === null)) return out;
    const path = join(field, found.key);
    if (found.node.kind !== 'map') {
      this.problem(found.node, path, 'must be a mapping of names to values');
      return out;
    }
    for (const pair of found.node.pairs) {
      const value = this.string(found.node, pair.key, path);
      out[pair.key] = value ?? '';
    }
    return out;
  }

  seq(map: YamlMap | undefined, key: string, field: string): { items: YamlNode[]; field: string } {
    const found = this.get(map, key);
    if (!found || (found.node.kind === 'scalar' && found.node.value === null)) return { items: [], field };
    const path = join(field, found.key);
    if (found.node.kind !== 'seq') {
      this.problem(found.node, path, 'must be a list (each item starting with "- ")');
      return { items: [], field: path };
    }
    return { items: found.node.items, field: path };
  }

  /** A plain number or boolean as written in the file (`1.0` stays "1.0"), when it can be found. */
  private writtenText(node: YamlPosition): string | undefined {
    const line = this.source.split('\n')[node.line - 1];
    if (line === undefined) return undefined;
    const rest = line
      .slice(node.column - 1)
      .replace(/\s+#.*$/, '')
      .trimEnd();
    return /^[^\s,{}[\]"'#]+$/.test(rest) ? rest : undefined;
  }
}

export function join(field: string, key: string | number): string {
  if (typeof key === 'number') return `${field}[${key}]`;
  return field ? `${field}.${key}` : key;
}
