// Where, in the policy file, an offset inside an expression is: a quoted or plain scalar starts at its
// node; a block scalar (`|`, `>`) starts on the next line, at that line's indentation.
import type { YamlNode } from '../kubernetes/nodes.ts';

export function positionInFile(
  node: YamlNode,
  lines: string[],
  expression: string,
  offset: number,
): { line: number; column: number } {
  const before = expression.slice(0, offset).split('\n');
  const row = before.length - 1;
  const col = (before[row] as string).length;
  const start = (lines[node.line - 1] ?? '').slice(node.column - 1);
  if (start.startsWith('|') || start.startsWith('>')) {
    // The block's indentation is its first line's; deeper lines keep the rest in the expression.
    const first = lines[node.line] ?? '';
    const indent = first.length - first.trimStart().length;
    return { line: node.line + 1 + row, column: indent + col + 1 };
  }
  const quoted = start.startsWith('"') || start.startsWith("'") ? 1 : 0;
  if (row === 0) return { line: node.line, column: node.column + quoted + col };
  return { line: node.line, column: node.column };
}
