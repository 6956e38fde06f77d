// A line cursor over a YAML text: where the current line starts and ends, its number and indentation.
import { bail } from './bail.ts';
import type { YamlSyntaxError } from './nodes.ts';

export interface Cursor {
  src: string;
  /** Offset of the current line's first character. */
  at: number;
  /** Offset of the current line's end: its `\n`, or the end of the text. */
  end: number;
  /** 1-based number of the current line. */
  line: number;
  /** Leading spaces on the current line. */
  indent: number;
  /** Keys repeated in the current document's mappings, in document order (as `yaml` reports them). */
  repeatedKeys: YamlSyntaxError[];
}

export function startCursor(src: string): Cursor {
  const cursor: Cursor = { src, at: 0, end: 0, line: 1, indent: 0, repeatedKeys: [] };
  measureLine(cursor);
  return cursor;
}

export function atEnd(cursor: Cursor): boolean {
  return cursor.at >= cursor.src.length;
}

export function nextLine(cursor: Cursor): void {
  cursor.at = cursor.end + 1;
  cursor.line++;
  measureLine(cursor);
}

function measureLine(cursor: Cursor): void {
  const { src, at } = cursor;
  const newline = src.indexOf('\n', at);
  cursor.end = newline === -1 ? src.length : newline;
  let i = at;
  while (src.charCodeAt(i) === 32) i++;
  cursor.indent = i - at;
}

/** Moves past blank lines and comment lines; stops on a line with content, or at the end. */
export function skipBlankLines(cursor: Cursor): void {
  while (!atEnd(cursor)) {
    const first = cursor.at + cursor.indent;
    if (first !== cursor.end && cursor.src.charCodeAt(first) !== 35 /* # */) return;
    nextLine(cursor);
  }
}

/** True on a `---` document start line; other lines beginning `---` or `...` are outside the subset. */
export function atDocumentMarker(cursor: Cursor): boolean {
  const { src, at, end } = cursor;
  if (cursor.indent !== 0) return false;
  const dashes = src.startsWith('---', at);
  if (!dashes && !src.startsWith('...', at)) return false;
  if (!dashes || !restIsBlank(src, at + 3, end)) throw bail;
  return true;
}

export function skipSpaces(src: string, from: number, end: number): number {
  let i = from;
  while (i < end && src.charCodeAt(i) === 32) i++;
  return i;
}

/** Whether only spaces, or spaces and then a comment, follow `from` on the line. */
export function restIsBlank(src: string, from: number, end: number): boolean {
  const i = skipSpaces(src, from, end);
  return i === end || (i > from && src.charCodeAt(i) === 35);
}

export function isDash(src: string, i: number, end: number): boolean {
  return src.charCodeAt(i) === 45 && (i + 1 === end || src.charCodeAt(i + 1) === 32);
}
