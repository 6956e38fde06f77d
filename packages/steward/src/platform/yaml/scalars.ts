// Scalars for the fast parser: YAML 1.2 core-schema resolution of plain scalars (the same tests,
// in the same order, as the `yaml` package) and single-line quoted scalars.
import { bail } from './bail.ts';

const intOct = /^0o[0-7]+$/;
const int = /^[-+]?[0-9]+$/;
const intHex = /^0x[0-9a-fA-F]+$/;
const floatNaN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const floatExp = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const float = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** Resolves a non-empty plain scalar: null, boolean, integer, float or (most often) string. */
export function resolvePlain(text: string): string | number | boolean | null {
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) return resolveNumber(text);
  switch (c) {
    case 126: // ~
      return text === '~' ? null : text;
    case 110: // n
    case 78: // N
      return text === 'null' || text === 'Null' || text === 'NULL' ? null : text;
    case 116: // t
    case 84: // T
      return text === 'true' || text === 'True' || text === 'TRUE' ? true : text;
    case 102: // f
    case 70: // F
      return text === 'false' || text === 'False' || text === 'FALSE' ? false : text;
    default:
      return text;
  }
}

function resolveNumber(text: string): string | number {
  if (intOct.test(text)) return Number.parseInt(text.substring(2), 8);
  if (int.test(text)) return Number.parseInt(text, 10);
  if (intHex.test(text)) return Number.parseInt(text.substring(2), 16);
  if (floatNaN.test(text)) {
    if (text.slice(-3).toLowerCase() === 'nan') return Number.NaN;
    return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (floatExp.test(text) || float.test(text)) return Number.parseFloat(text);
  return text;
}

export interface Quoted {
  value: string;
  /** Offset just past the closing quote. */
  end: number;
}

/** A quoted scalar that closes on its own line; anything else (multi-line, rare escapes) bails. */
export function readQuoted(src: string, start: number, lineEnd: number): Quoted {
  return src[start] === "'" ? readSingleQuoted(src, start, lineEnd) : readDoubleQuoted(src, start, lineEnd);
}

function readSingleQuoted(src: string, start: number, lineEnd: number): Quoted {
  let value = '';
  let from = start + 1;
  for (;;) {
    const quote = src.indexOf("'", from);
    if (quote === -1 || quote >= lineEnd) throw bail;
    value += src.slice(from, quote);
    if (src[quote + 1] !== "'") return { value, end: quote + 1 };
    value += "'";
    from = quote + 2;
  }
}

const simpleEscapes: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  b: '\b',
  f: '\f',
};

function readDoubleQuoted(src: string, start: number, lineEnd: number): Quoted {
  let value = '';
  let i = start + 1;
  for (;;) {
    let j = i;
    while (j < lineEnd && src[j] !== '"' && src[j] !== '\\') j++;
    if (j >= lineEnd) throw bail;
    value += src.slice(i, j);
    if (src[j] === '"') return { value, end: j + 1 };
    const escaped = src[j + 1] ?? '';
    const simple = simpleEscapes[escaped];
    if (simple !== undefined) {
      value += simple;
      i = j + 2;
    } else if (escaped === 'x' || escaped === 'u') {
      const digits = escaped === 'x' ? 2 : 4;
      const hex = src.slice(j + 2, j + 2 + digits);
      if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) throw bail;
      const code = Number.parseInt(hex, 16);
      if (code >= 0xd800 && code <= 0xdfff) throw bail;
      value += String.fromCharCode(code);
      i = j + 2 + digits;
    } else {
      throw bail;
    }
    if (i > lineEnd) throw bail;
  }
}
