// Reads any YAML with the `yaml` package's Document API and converts it to the positioned tree.
// It is the reference: the fast parser must produce exactly what this produces, or step aside.
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
} from 'yaml';
import { maxNesting, tooDeepMessage, tooDeepOffsets } from './nesting.ts';
import {
  emptyScalar,
  type YamlDocument,
  type YamlNode,
  type YamlPair,
  type YamlSyntaxError,
} from './nodes.ts';

/** Alias expansion (`*anchor`) is capped so that a "billion laughs" file cannot exhaust memory. */
const maxAliasedNodes = 10_000;

interface Context {
  text: string;
  lines: LineCounter;
  doc: Document.Parsed;
  aliasedNodes: number;
  inAlias: boolean;
}

class AliasBudgetExceeded extends Error {}

export function parseWithYamlPackage(text: string): YamlDocument[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  return docs.map((doc) => convertDocument(doc, text, lines));
}

function convertDocument(doc: Document.Parsed, text: string, lines: LineCounter): YamlDocument {
  // The package composes recursively: a document nested thousands deep exhausts the stack.
  if (doc.errors.some((error) => /call stack/i.test(error.message))) return tooDeep(doc, text, lines);
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error): YamlSyntaxError => {
      const { line, col } = lines.linePos(error.pos[0]);
      const code = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
      return { code, message: shortYamlMessage(error.message), line, column: col };
    });
    return { contents: null, errors };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { contents: null, errors: [] };
  const context: Context = { text, lines, doc, aliasedNodes: 0, inAlias: false };
  try {
    return { contents: convert(root as Node, context, 0), errors: [] };
  } catch (error) {
    if (error instanceof RangeError) return tooDeep(doc, text, lines);
    if (!(error instanceof AliasBudgetExceeded)) throw error;
    const { line, col } = lines.linePos(Number(error.message));
    const message = `aliases expand to more than ${maxAliasedNodes} nodes; write the values out instead`;
    return { contents: null, errors: [{ code: 'yaml-syntax', message, line, column: col }] };
  }
}

/** The too-deep problem where the document first nests past the limit (found without recursion). */
function tooDeep(doc: Document.Parsed, text: string, lines: LineCounter): YamlDocument {
  const [start, , end] = doc.range;
  const offset = tooDeepOffsets(text, maxNesting).find((o) => o >= start && o <= end) ?? start;
  const { line, col } = lines.linePos(offset);
  return { contents: null, errors: [{ code: 'too-deep', message: tooDeepMessage(), line, column: col }] };
}

/**
 * The package's message, capped: some quote the source (a tag, a directive, a block scalar header's
 * rest of line), and a problem may quote no more of a file than a short token.
 */
export function shortYamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  const capped = first.replace(/\S{41,}/g, (token) => `${token.slice(0, 40)}…`);
  return capped.length > 160 ? `${capped.slice(0, 159)}…` : capped;
}

/** `emptyAt` is where an unwritten value points: its key, or its sequence dash. */
function convert(node: Node | null, context: Context, emptyAt: number): YamlNode {
  if (context.inAlias && ++context.aliasedNodes > maxAliasedNodes) {
    throw new AliasBudgetExceeded(String(emptyAt));
  }
  if (node === null) return emptyScalar(...where(context, emptyAt));
  const start = node.range?.[0] ?? emptyAt;
  if (isAlias(node)) {
    const target = node.resolve(context.doc);
    const wasInAlias = context.inAlias;
    context.inAlias = true;
    const converted = convert((target as Node | undefined) ?? null, context, start);
    context.inAlias = wasInAlias;
    [converted.line, converted.column] = where(context, start);
    return converted;
  }
  if (isScalar(node)) {
    const empty = node.value === null && node.range != null && node.range[0] === node.range[1];
    const [line, column] = where(context, empty ? emptyAt : start);
    return { kind: 'scalar', value: scalarValue(node.value), line, column };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => {
      const itemStart = (item as Node | null)?.range?.[0] ?? start;
      return convert(item as Node | null, context, dashBefore(context.text, itemStart));
    });
    const [line, column] = where(context, start);
    return { kind: 'seq', items, line, column };
  }
  if (isMap(node)) {
    const pairs = node.items.map((pair): YamlPair => {
      const key = pair.key as Node | null;
      const keyStart = key?.range?.[0] ?? start;
      const [line, column] = where(context, keyStart);
      const value = convert(pair.value as Node | null, context, keyStart);
      return { key: keyString(key), line, column, value };
    });
    const [line, column] = where(context, start);
    return { kind: 'map', pairs, line, column };
  }
  throw new Error(`unexpected YAML node ${String(node)}`);
}

function where(context: Context, offset: number): [number, number] {
  const { line, col } = context.lines.linePos(offset);
  return [line, col];
}

function scalarValue(value: unknown): string | number | boolean | null {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return value;
  }
  return String(value);
}

/** The key as `yaml`'s `toJSON()` names the property (null becomes ""). */
function keyString(key: Node | null): string {
  if (key === null) return '';
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return String(key);
}

/** An empty sequence item is pointed at by its dash, found by stepping back over blanks. */
function dashBefore(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && text[i] === ' ') i--;
  return text[i] === '-' ? i : offset;
}
