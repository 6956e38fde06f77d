// Where a YAML text first nests collections deeper than a limit, found on the `yaml` package's
// concrete syntax tree, which it builds without recursion. The package composes documents
// recursively and, on a file nested thousands deep, runs out of stack; this says where the nesting
// went too deep instead, at the same position the composed tree would give.
import { CST, Parser } from 'yaml';

/** Collections nested deeper than this are refused: catalog entities need far fewer levels. */
export const maxNesting = 64;

export function tooDeepMessage(): string {
  return `the document nests mappings and lists more than ${maxNesting} levels deep here; catalog entities need far fewer: flatten the value`;
}

/** Per document of `text` that nests deeper than `limit`, the offset of its first collection past it. */
export function tooDeepOffsets(text: string, limit: number): number[] {
  const offsets: number[] = [];
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document' || !token.value) continue;
    const found = firstPast(token.value, limit);
    if (found !== undefined) offsets.push(found);
  }
  return offsets;
}

function firstPast(root: CST.Token, limit: number): number | undefined {
  const stack: [CST.Token, number][] = [[root, 1]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [token, depth] = next;
    if (!CST.isCollection(token)) continue;
    if (depth > limit) return token.offset;
    // Last to first, value before key: they come off the stack in document order.
    for (let i = token.items.length - 1; i >= 0; i--) {
      const { key, value } = token.items[i] as CST.CollectionItem;
      if (value) stack.push([value, depth + 1]);
      if (key) stack.push([key, depth + 1]);
    }
  }
  return undefined;
}
