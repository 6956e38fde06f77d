// What a catalog document may hold before it is validated or stored: collections nested at most 64
// levels (a tree 5,000 deep would take the validator, the JSON writer and PostgreSQL's jsonb into
// recursion they may not survive), and no NUL or lone surrogate in any key or string (YAML escapes
// can make both; PostgreSQL stores neither). A document over a limit is one positioned problem and
// is not read further; the file's other documents, and other files, still are.
import { firstUnstorable } from '../../../platform/unstorable-text.ts';
import { maxNesting, tooDeepMessage } from '../../../platform/yaml/nesting.ts';
import type { YamlNode, YamlPosition } from '../../../platform/yaml/nodes.ts';
import { joinPath } from './entity-yaml.ts';
import type { Reporter } from './reporter.ts';

/** Where a UTF-16 index is, 1-based, as the YAML positions count. */
export function positionAt(text: string, index: number): YamlPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * Checks a document's tree in document order; reports the first problem found and answers whether
 * there was none. The tree may be thousands deep, but the walk goes no deeper than the limit.
 */
export function checkDocumentLimits(root: YamlNode, reporter: Reporter): boolean {
  return withinLimits(root, 1, reporter);
}

function withinLimits(node: YamlNode, depth: number, reporter: Reporter): boolean {
  if (node.kind === 'scalar')
    return typeof node.value !== 'string' || holdsOnlyCharacters(node, node.value, 'value', reporter);
  if (depth > maxNesting) {
    reporter.error(node, 'too-deep', tooDeepMessage());
    return false;
  }
  if (node.kind === 'seq') {
    for (const item of node.items) if (!withinLimits(item, depth + 1, reporter)) return false;
    return true;
  }
  for (const pair of node.pairs) {
    if (!holdsOnlyCharacters(pair, pair.key, 'key', reporter)) return false;
    if (!withinLimits(pair.value, depth + 1, reporter)) return false;
  }
  return true;
}

/**
 * For data not yet written as YAML (an API body, a mapped opslevel.yml): the field path of the first
 * mapping or list nested past the limit, the entity itself being level 1; undefined when none is.
 */
export function tooDeepPath(value: unknown): string | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 1 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth > maxNesting) return next.path;
    const entries = Array.isArray(next.value)
      ? next.value.map((item, i) => [i, item] as const)
      : Object.entries(next.value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i] as readonly [string | number, unknown];
      stack.push({ value: item, path: joinPath(next.path, key), depth: next.depth + 1 });
    }
  }
  return undefined;
}

function holdsOnlyCharacters(at: YamlPosition, text: string, what: string, reporter: Reporter): boolean {
  const found = firstUnstorable(text);
  if (!found) return true;
  const message = `this ${what} holds ${found.name}, which a catalog cannot store; remove the escape that writes it (\\0, \\x00, \\u0000 or an unpaired \\uD800–\\uDFFF)`;
  reporter.error(at, 'invalid-character', message);
  return false;
}
