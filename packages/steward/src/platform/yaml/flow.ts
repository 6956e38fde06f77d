// Single-line flow sequences of scalars (`tags: [go, "tier-1"]`) for the fast parser; nested or
// multi-line flow collections bail to the fallback.
import { bail } from './bail.ts';
import { type Cursor, nextLine, restIsBlank, skipSpaces } from './cursor.ts';
import type { YamlScalar, YamlSeq } from './nodes.ts';
import { readQuoted, resolvePlain } from './scalars.ts';

export function readFlowSequence(cursor: Cursor, open: number): YamlSeq {
  const { src, end } = cursor;
  const seq: YamlSeq = { kind: 'seq', items: [], line: cursor.line, column: open - cursor.at + 1 };
  let i = skipSpaces(src, open + 1, end);
  if (src[i] !== ']') {
    for (;;) {
      const item = readFlowItem(cursor, i);
      seq.items.push(item.scalar);
      i = skipSpaces(src, item.end, end);
      if (src[i] === ']') break;
      if (src[i] !== ',') throw bail;
      i = skipSpaces(src, i + 1, end);
      // A trailing comma is outside the subset.
      if (src[i] === ']') throw bail;
    }
  }
  if (!restIsBlank(src, i + 1, end)) throw bail;
  nextLine(cursor);
  return seq;
}

function readFlowItem(cursor: Cursor, start: number): { scalar: YamlScalar; end: number } {
  const { src, end } = cursor;
  const line = cursor.line;
  const column = start - cursor.at + 1;
  const first = src[start];
  if (first === '"' || first === "'") {
    const quoted = readQuoted(src, start, end);
    return { scalar: { kind: 'scalar', value: quoted.value, line, column }, end: quoted.end };
  }
  if (first === undefined || start >= end || '[]{},#&*!|>%@`?:'.includes(first)) throw bail;
  // `-` starts a plain scalar only when a character that could continue one follows it.
  if (first === '-' && (start + 1 === end || ' ,[]{}'.includes(src[start + 1] as string))) throw bail;
  let i = start;
  for (; i < end; i++) {
    const c = src[i];
    if (c === ',' || c === ']') break;
    if (c === '[' || c === '{' || c === '}') throw bail;
    if (c === ':' && (i + 1 === end || ' ,]'.includes(src[i + 1] as string))) throw bail;
    if (c === '#' && src[i - 1] === ' ') throw bail;
  }
  if (i === end) throw bail;
  let stop = i;
  while (src.charCodeAt(stop - 1) === 32) stop--;
  return { scalar: { kind: 'scalar', value: resolvePlain(src.slice(start, stop)), line, column }, end: i };
}
