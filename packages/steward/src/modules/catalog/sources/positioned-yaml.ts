// Reads another product's YAML file (opslevel.yml, cortex.yaml) keeping where every value is, so
// the entities mapped from it point back at the lines their data came from.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { shortYamlMessage } from '../../../platform/yaml/fallback.ts';
import { maxNesting, tooDeepMessage, tooDeepOffsets } from '../../../platform/yaml/nesting.ts';
import type { YamlPosition } from '../../../platform/yaml/nodes.ts';
import { positionAt } from '../engine/document-limits.ts';
import { joinPath } from '../engine/entity-yaml.ts';

export interface PositionedYaml {
  value: unknown;
  /** Where the value at a path is written (a missing value: its key); undefined when the path is not there. */
  positionOf(path: string): YamlPosition | undefined;
  errors: (YamlPosition & { code: 'yaml-syntax' | 'too-deep'; message: string })[];
}

export function readPositionedYaml(text: string): PositionedYaml {
  const lineCounter = new LineCounter();
  // Nesting past the limit is refused before the package composes it (recursively), and before the
  // walk below (recursive too) could run out of stack on it.
  const [deep] = tooDeepOffsets(text, maxNesting);
  if (deep !== undefined) {
    const error = { ...positionAt(text, deep), code: 'too-deep' as const, message: tooDeepMessage() };
    return { value: undefined, positionOf: () => undefined, errors: [error] };
  }
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const positions = new Map<string, YamlPosition>();
  const at = (offset: number): YamlPosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const visit = (node: unknown, path: string, fallback: number) => {
    const range = (node as Node | null)?.range;
    positions.set(path, at(range ? range[0] : fallback));
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyOffset = (pair.key as Node | null)?.range?.[0] ?? fallback;
        visit(pair.value, joinPath(path, key), keyOffset);
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries())
        visit(item, joinPath(path, i), range ? range[0] : fallback);
    }
  };
  visit(document.contents, '', 0);
  const errors = document.errors.map((e) => ({
    ...at(e.pos[0]),
    code: 'yaml-syntax' as const,
    message: shortYamlMessage(e.message),
  }));
  return {
    value: errors.length > 0 ? undefined : document.toJS(),
    positionOf: (path) => positions.get(path),
    errors,
  };
}
