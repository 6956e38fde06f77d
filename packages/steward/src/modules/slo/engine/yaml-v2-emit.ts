// A block-style YAML writer that lays text out as gopkg.in/yaml.v2 does (the library Sloth writes
// its rules with): sequences inside mappings not indented, two-space indentation, plain scalars
// folded at the first space past column 80, literal blocks for text with newlines.
import { isPrintable, scalarStyle } from './yaml-v2-style.ts';

export type YamlOut = string | YamlOutMap | YamlOut[];
/** A mapping with its keys in the order to write them (struct order, or yamlV2KeyOrder for maps). */
export interface YamlOutMap {
  entries: [string, YamlOut][];
}

const bestWidth = 80;

class Writer {
  text = '';
  column = 0;
  /** Nothing but indentation written on this line so far. */
  indention = true;
  whitespace = true;

  put(s: string): void {
    for (const c of s) {
      this.text += c;
      this.column++;
    }
    this.indention = false;
    this.whitespace = s.endsWith(' ');
  }
  newline(): void {
    this.text += '\n';
    this.column = 0;
    this.indention = true;
    this.whitespace = true;
  }
  indent(to: number): void {
    if (!this.indention || this.column > to || (this.column === to && !this.whitespace)) this.newline();
    while (this.column < to) {
      this.text += ' ';
      this.column++;
    }
    this.indention = true;
    this.whitespace = true;
  }
}

export function emitYaml(root: YamlOutMap): string {
  const w = new Writer();
  writeMap(w, root, 0, false);
  return w.text.endsWith('\n') ? w.text : `${w.text}\n`;
}

function writeMap(w: Writer, map: YamlOutMap, indent: number, inSequenceItem: boolean): void {
  if (map.entries.length === 0) {
    w.put(w.whitespace ? '{}' : ' {}');
    return;
  }
  map.entries.forEach(([key, value], i) => {
    if (!(inSequenceItem && i === 0)) w.indent(indent);
    writeScalar(w, key, indent + 2, true);
    w.put(':');
    writeValue(w, value, indent);
  });
}

function writeValue(w: Writer, value: YamlOut, indent: number): void {
  if (typeof value === 'string') {
    writeScalar(w, value, indent + 2, false);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      w.put(' []');
      return;
    }
    // yaml.v2 writes a mapping's sequence at the mapping's own indentation.
    for (const item of value) {
      w.indent(indent);
      w.put('-');
      writeItem(w, item, indent + 2);
    }
    return;
  }
  if (value.entries.length === 0) {
    w.put(' {}');
    return;
  }
  writeMap(w, value, indent + 2, false);
}

function writeItem(w: Writer, item: YamlOut, indent: number): void {
  if (typeof item === 'string') {
    writeScalar(w, item, indent, false);
    return;
  }
  w.put(' ');
  if (Array.isArray(item)) throw new Error('nested sequences are not written by this emitter');
  writeMap(w, item, indent, true);
}

function writeScalar(w: Writer, value: string, indent: number, key: boolean): void {
  const style = scalarStyle(value, key);
  const space = w.whitespace ? '' : ' ';
  if (style === 'plain') {
    w.put(space);
    writeFolded(w, value, indent, !key, () => undefined);
    return;
  }
  if (style === 'single') {
    w.put(`${space}'`);
    writeFolded(w, value, indent, !key, (c) => (c === "'" ? "''" : undefined), true);
    w.put("'");
    return;
  }
  if (style === 'double') {
    w.put(`${space}"`);
    writeDoubleQuoted(w, value, indent, !key);
    w.put('"');
    return;
  }
  writeLiteral(w, value, indent);
}

/** Plain and single-quoted text: a space past column 80 becomes a line break (YAML folds it back). */
function writeFolded(
  w: Writer,
  value: string,
  indent: number,
  allowBreaks: boolean,
  escaped: (c: string) => string | undefined,
  quoted = false,
): void {
  const chars = [...value];
  let spaces = false;
  chars.forEach((c, i) => {
    if (c === ' ') {
      const inside = !quoted || (i > 0 && i < chars.length - 1);
      if (allowBreaks && !spaces && w.column > bestWidth && inside && chars[i + 1] !== ' ') w.indent(indent);
      else w.put(c);
      spaces = true;
      return;
    }
    w.put(escaped(c) ?? c);
    spaces = false;
  });
}

const doubleEscapes: Record<number, string> = {
  0: '0',
  7: 'a',
  8: 'b',
  9: 't',
  10: 'n',
  11: 'v',
  12: 'f',
  13: 'r',
  27: 'e',
  34: '"',
  92: '\\',
  133: 'N',
  160: '_',
  8232: 'L',
  8233: 'P',
};

function writeDoubleQuoted(w: Writer, value: string, indent: number, allowBreaks: boolean): void {
  const chars = [...value];
  let spaces = false;
  chars.forEach((c, i) => {
    const code = c.codePointAt(0) as number;
    const breakChar = c === '\n' || c === '\r' || code === 0x85 || code === 0x2028 || code === 0x2029;
    if (!isPrintable(code) || code === 0xfeff || breakChar || c === '"' || c === '\\') {
      w.put(`\\${doubleEscapes[code] ?? hexEscape(code)}`);
      spaces = false;
    } else if (c === ' ') {
      if (allowBreaks && !spaces && w.column > bestWidth && i > 0 && i < chars.length - 1) {
        w.indent(indent);
        if (chars[i + 1] === ' ') w.put('\\');
      } else w.put(c);
      spaces = true;
    } else {
      w.put(c);
      spaces = false;
    }
  });
}

function hexEscape(code: number): string {
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `x${hex.padStart(2, '0')}`;
  if (code <= 0xffff) return `u${hex.padStart(4, '0')}`;
  return `U${hex.padStart(8, '0')}`;
}

function writeLiteral(w: Writer, value: string, indent: number): void {
  let hints = '';
  if (value.startsWith(' ') || value.startsWith('\n')) hints += '2';
  if (!value.endsWith('\n')) hints += '-';
  else if (value === '\n' || value.endsWith('\n\n')) hints += '+';
  w.put(`${w.whitespace ? '' : ' '}|${hints}`);
  w.newline();
  let atLineStart = true;
  for (const c of value) {
    if (c === '\n') {
      w.newline();
      atLineStart = true;
      continue;
    }
    if (atLineStart) w.indent(indent);
    atLineStart = false;
    w.put(c);
  }
}
