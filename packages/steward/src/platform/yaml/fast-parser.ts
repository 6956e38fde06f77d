// A fast YAML reader for the subset catalog files are written in: block mappings and sequences,
// plain and single-line quoted scalars, literal and folded block scalars, single-line flow
// sequences, comments and `---` documents; a repeated key is the same error the fallback gives, so that
// one slip does not send a file of hundreds of entities through the slower parser. Anything else bails,
// and the caller falls back to the `yaml` package; inside the subset the result is identical to the
// fallback's (tested differentially).
import { bail } from './bail.ts';
import { readBlockScalar } from './block-scalar.ts';
import {
  atDocumentMarker,
  atEnd,
  type Cursor,
  isDash,
  nextLine,
  restIsBlank,
  skipBlankLines,
  skipSpaces,
  startCursor,
} from './cursor.ts';
import { readFlowSequence } from './flow.ts';
import { emptyScalar, type YamlDocument, type YamlMap, type YamlNode, type YamlSeq } from './nodes.ts';
import { readQuoted, resolvePlain } from './scalars.ts';

/** Tabs, carriage returns, control characters, NEL, byte-order marks and line separators. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const outsideSubsetCharacters = /[\t\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/;
const maxDepth = 100;
const maxKeyLength = 1024;

/** The documents of `src`, or undefined when `src` is outside the subset. */
export function parseFast(src: string): YamlDocument[] | undefined {
  if (outsideSubsetCharacters.test(src)) return undefined;
  try {
    return readStream(startCursor(src));
  } catch (error) {
    if (error === bail) return undefined;
    throw error;
  }
}

function readStream(cursor: Cursor): YamlDocument[] {
  const documents: YamlDocument[] = [];
  skipBlankLines(cursor);
  // Content before the first `---` is a document only if there is some.
  if (!atEnd(cursor) && !atDocumentMarker(cursor)) documents.push(readDocument(cursor));
  for (;;) {
    skipBlankLines(cursor);
    if (atEnd(cursor)) return documents;
    if (!atDocumentMarker(cursor)) throw bail;
    nextLine(cursor);
    skipBlankLines(cursor);
    const empty = atEnd(cursor) || atDocumentMarker(cursor);
    documents.push(empty ? { contents: null, errors: [] } : readDocument(cursor));
  }
}

function readDocument(cursor: Cursor): YamlDocument {
  if (cursor.indent !== 0) throw bail;
  cursor.repeatedKeys = [];
  const contents = readBlockAt(cursor, 0, 0);
  // As the fallback: a document with a repeated key has its errors and no contents.
  if (cursor.repeatedKeys.length > 0) return { contents: null, errors: cursor.repeatedKeys };
  return { contents, errors: [] };
}

/** A block collection whose first line is the current one, at `indent`. */
function readBlockAt(cursor: Cursor, indent: number, depth: number): YamlNode {
  if (depth > maxDepth) throw bail;
  const start = cursor.at + indent;
  if (isDash(cursor.src, start, cursor.end)) return readSequence(cursor, indent, depth);
  return readMapping(cursor, indent, start, depth);
}

function readMapping(cursor: Cursor, indent: number, start: number, depth: number): YamlMap {
  const map: YamlMap = { kind: 'map', pairs: [], line: cursor.line, column: start - cursor.at + 1 };
  let keys: Set<string> | undefined;
  let keyStart = start;
  for (;;) {
    const line = cursor.line;
    const column = keyStart - cursor.at + 1;
    const key = readKey(cursor, keyStart);
    if (key === undefined) throw bail;
    const seen = rememberKey(map, key.key, keys);
    if (seen === repeated)
      cursor.repeatedKeys.push({ code: 'duplicate-key', message: repeatedKeyMessage, line, column });
    else keys = seen;
    const valueStart = skipSpaces(cursor.src, key.after, cursor.end);
    let value: YamlNode;
    if (restIsBlank(cursor.src, key.after, cursor.end)) {
      nextLine(cursor);
      value = readBlockValue(cursor, indent, line, column, true, depth);
    } else {
      value = readInlineValue(cursor, valueStart, indent);
    }
    map.pairs.push({ key: key.key, line, column, value });
    if (!continuesAt(cursor, indent)) return map;
    if (isDash(cursor.src, cursor.at + indent, cursor.end)) throw bail;
    keyStart = cursor.at + indent;
  }
}

const repeatedKeyMessage = 'Map keys must be unique';
/** What rememberKey answers for a key the mapping already has. */
const repeated: Set<string> = new Set();

/**
 * The set of keys seen so far including `key`, or `repeated` when the map already has it. A few keys
 * are compared in place (undefined: no set yet); past that a set is kept, so a huge mapping stays linear.
 */
function rememberKey(map: YamlMap, key: string, keys: Set<string> | undefined): Set<string> | undefined {
  const { pairs } = map;
  if (keys) {
    if (keys.has(key)) return repeated;
    keys.add(key);
    return keys;
  }
  for (const pair of pairs) if (pair.key === key) return repeated;
  if (pairs.length < 16) return undefined;
  const set = new Set(pairs.map((pair) => pair.key));
  set.add(key);
  return set;
}

function readSequence(cursor: Cursor, indent: number, depth: number): YamlSeq {
  const { src } = cursor;
  const seq: YamlSeq = { kind: 'seq', items: [], line: cursor.line, column: indent + 1 };
  for (;;) {
    const line = cursor.line;
    const dash = cursor.at + indent;
    const content = skipSpaces(src, dash + 1, cursor.end);
    if (restIsBlank(src, dash + 1, cursor.end)) {
      nextLine(cursor);
      seq.items.push(readBlockValue(cursor, indent, line, indent + 1, false, depth));
    } else if (isDash(src, content, cursor.end)) {
      throw bail;
    } else if (readKey(cursor, content) !== undefined) {
      seq.items.push(readMapping(cursor, content - cursor.at, content, depth + 1));
    } else {
      seq.items.push(readInlineValue(cursor, content, indent));
    }
    if (!continuesAt(cursor, indent)) return seq;
    if (!isDash(src, cursor.at + indent, cursor.end)) return seq;
  }
}

/** After an entry: true if the next content line is another entry at `indent`. */
function continuesAt(cursor: Cursor, indent: number): boolean {
  skipBlankLines(cursor);
  if (atEnd(cursor) || cursor.indent < indent) return false;
  // Deeper lines here would be a multi-line plain scalar or bad indentation.
  if (cursor.indent > indent) throw bail;
  return !atDocumentMarker(cursor);
}

/** The value of `key:` (or `-`) with nothing after it on the line: a block below, or empty. */
function readBlockValue(
  cursor: Cursor,
  parentIndent: number,
  line: number,
  column: number,
  inMapping: boolean,
  depth: number,
): YamlNode {
  skipBlankLines(cursor);
  if (atEnd(cursor) || atDocumentMarker(cursor)) return emptyScalar(line, column);
  if (cursor.indent > parentIndent) return readBlockAt(cursor, cursor.indent, depth + 1);
  // A mapping's sequence value may sit at the key's own indentation.
  const sameIndentSequence = inMapping && cursor.indent === parentIndent;
  if (sameIndentSequence && isDash(cursor.src, cursor.at + parentIndent, cursor.end)) {
    return readSequence(cursor, parentIndent, depth + 1);
  }
  return emptyScalar(line, column);
}

/** A value that starts on the current line at `start`; consumes its line(s). */
function readInlineValue(cursor: Cursor, start: number, parentIndent: number): YamlNode {
  const { src, end } = cursor;
  const line = cursor.line;
  const column = start - cursor.at + 1;
  switch (src[start]) {
    case '|':
    case '>':
      return readBlockScalar(cursor, start, parentIndent);
    case '"':
    case "'": {
      const quoted = readQuoted(src, start, end);
      if (!restIsBlank(src, quoted.end, end)) throw bail;
      nextLine(cursor);
      return { kind: 'scalar', value: quoted.value, line, column };
    }
    case '[':
      return readFlowSequence(cursor, start);
    case '{': {
      const close = skipSpaces(src, start + 1, end);
      if (src[close] !== '}' || !restIsBlank(src, close + 1, end)) throw bail;
      nextLine(cursor);
      return { kind: 'map', pairs: [], line, column };
    }
    case '&':
    case '*':
    case '!':
    case '%':
    case '@':
    case '`':
    case '?':
    case ':':
    case ',':
    case ']':
    case '}':
      throw bail;
    case '-':
      if (isDash(src, start, end)) throw bail;
  }
  const stop = plainEnd(src, start, end);
  const value = resolvePlain(src.slice(start, stop));
  nextLine(cursor);
  return { kind: 'scalar', value, line, column };
}

/** Where a plain value ends: before a comment or trailing spaces. `: ` inside one is outside the subset. */
function plainEnd(src: string, start: number, end: number): number {
  let stop = end;
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === 58 /* : */ && (i + 1 === end || src.charCodeAt(i + 1) === 32)) throw bail;
    if (c === 35 /* # */ && src.charCodeAt(i - 1) === 32) {
      stop = i;
      break;
    }
  }
  while (stop > start && src.charCodeAt(stop - 1) === 32) stop--;
  return stop;
}

interface Key {
  key: string;
  /** Offset just past the `:`. */
  after: number;
}

/** The mapping key starting at `start`, or undefined if the line holds no `key:` there. */
function readKey(cursor: Cursor, start: number): Key | undefined {
  const { src, end } = cursor;
  const first = src[start];
  if (first === '"' || first === "'") {
    const quoted = readQuoted(src, start, end);
    const colon = quoted.end;
    if (src.charCodeAt(colon) !== 58 || (colon + 1 !== end && src.charCodeAt(colon + 1) !== 32))
      return undefined;
    if (colon - start > maxKeyLength) throw bail;
    return { key: quoted.value, after: colon + 1 };
  }
  if (first === undefined || '-?:,[]{}#&*!|>%@`'.includes(first)) return undefined;
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === 35 /* # */ && src.charCodeAt(i - 1) === 32) return undefined;
    if (c !== 58 /* : */ || (i + 1 !== end && src.charCodeAt(i + 1) !== 32)) continue;
    let stop = i;
    while (src.charCodeAt(stop - 1) === 32) stop--;
    if (stop - start > maxKeyLength) throw bail;
    const key = resolvePlain(src.slice(start, stop));
    if (typeof key !== 'string') throw bail;
    return { key, after: i + 1 };
  }
  return undefined;
}
