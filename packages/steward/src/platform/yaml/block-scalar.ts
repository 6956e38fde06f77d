// Literal (`|`) and folded (`>`) block scalars for the fast parser, with clip or strip chomping.
// Keep chomping (`+`), indentation indicators and more-indented folded lines bail to the fallback.
import { bail } from './bail.ts';
import { atEnd, type Cursor, nextLine, restIsBlank } from './cursor.ts';
import type { YamlScalar } from './nodes.ts';

export function readBlockScalar(cursor: Cursor, header: number, parentIndent: number): YamlScalar {
  const { src } = cursor;
  const line = cursor.line;
  const column = header - cursor.at + 1;
  const folded = src[header] === '>';
  let afterHeader = header + 1;
  const strip = src[afterHeader] === '-';
  if (strip) afterHeader++;
  if (!restIsBlank(src, afterHeader, cursor.end) || src[afterHeader] === '#') throw bail;
  nextLine(cursor);
  const lines = readContentLines(cursor, parentIndent, folded);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return { kind: 'scalar', value: '', line, column };
  const body = folded ? fold(lines) : lines.join('\n');
  return { kind: 'scalar', value: strip ? body : `${body}\n`, line, column };
}

/** The content lines with their indentation removed; blank lines are ''. */
function readContentLines(cursor: Cursor, parentIndent: number, folded: boolean): string[] {
  const lines: string[] = [];
  let contentIndent = -1;
  let leadingBlankIndent = 0;
  while (!atEnd(cursor)) {
    if (cursor.at + cursor.indent === cursor.end) {
      // A blank line deeper than the content would keep spaces: outside the subset.
      if (contentIndent < 0) leadingBlankIndent = Math.max(leadingBlankIndent, cursor.indent);
      else if (cursor.indent > contentIndent) throw bail;
      lines.push('');
      nextLine(cursor);
      continue;
    }
    if (contentIndent < 0) {
      if (cursor.indent <= parentIndent) break;
      contentIndent = cursor.indent;
      if (leadingBlankIndent > contentIndent) throw bail;
    } else if (cursor.indent < contentIndent) {
      break;
    }
    if (folded && cursor.indent > contentIndent) throw bail;
    lines.push(cursor.src.slice(cursor.at + contentIndent, cursor.end));
    nextLine(cursor);
  }
  return lines;
}

/** Folding: lines join with a space, and each blank line between them becomes a line break. */
function fold(lines: string[]): string {
  let out = '';
  let breaks = 0;
  let first = true;
  for (const text of lines) {
    if (text === '') {
      breaks++;
      continue;
    }
    if (first) out += '\n'.repeat(breaks);
    else out += breaks === 0 ? ' ' : '\n'.repeat(breaks);
    out += text;
    first = false;
    breaks = 0;
  }
  return out;
}
