// From a file's bytes to positioned YAML documents: size limit, UTF-8, then the fast subset parser,
// falling back to the `yaml` package for anything outside the subset. Syntax errors are positioned
// problems; the file's other documents still load.
import { firstUnstorable } from '../../../platform/unstorable-text.ts';
import { parseWithYamlPackage } from '../../../platform/yaml/fallback.ts';
import { parseFast } from '../../../platform/yaml/fast-parser.ts';
import type { YamlDocument } from '../../../platform/yaml/nodes.ts';
import { positionAt } from './document-limits.ts';
import { defaultMaxFileBytes } from './model.ts';
import type { Reporter } from './reporter.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const start = { line: 1, column: 1 };

/** The file's text, or undefined (with the problem reported) if it is too large or not UTF-8. */
export function decodeCatalogFile(
  bytes: Uint8Array,
  reporter: Reporter,
  maxBytes = defaultMaxFileBytes,
): string | undefined {
  if (bytes.length > maxBytes) {
    reporter.error(start, 'file-too-large', tooLargeMessage(bytes.length, maxBytes));
    return undefined;
  }
  try {
    return utf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
    const column = utf8.decode(bytes.subarray(lineStart, offset)).length + 1;
    const surrogate = encodedSurrogate(bytes, offset);
    if (surrogate !== undefined) {
      const message = `the file holds a surrogate (U+${surrogate}) written as a character of its own, which is not text; save the file as UTF-8`;
      reporter.error({ line, column }, 'invalid-character', message);
      return undefined;
    }
    const byte = (bytes[offset] as number).toString(16).padStart(2, '0');
    const message = `the file is not UTF-8 (byte 0x${byte} at offset ${offset}); save it as UTF-8`;
    reporter.error({ line, column }, 'not-utf8', message);
    return undefined;
  }
}

/** False, with the problem reported at the character, when the text holds a NUL or a lone surrogate. */
export function checkCharacters(text: string, reporter: Reporter): boolean {
  const found = firstUnstorable(text);
  if (!found) return true;
  const message = `the file holds ${found.name} here; a catalog file is text: delete the character (a binary file is not a catalog file)`;
  reporter.error(positionAt(text, found.index), 'invalid-character', message);
  return false;
}

export function tooLargeMessage(size: number, maxBytes: number): string {
  return `the file is ${humanBytes(size)}; catalog files may be at most ${humanBytes(maxBytes)} (${maxBytes} bytes): split it into several files`;
}

function humanBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export interface ParsedText {
  documents: YamlDocument[];
  /** Whether the fast parser read it (false: the `yaml` package did). */
  fast: boolean;
}

export function parseYamlText(text: string): ParsedText {
  const documents = parseFast(text);
  if (documents) return { documents, fast: true };
  try {
    return { documents: parseWithYamlPackage(text), fast: false };
  } catch (error) {
    // The parser itself failed (e.g. nesting too deep for the stack): one problem, not a crash.
    const message = `could not be read as YAML: ${(error as Error).message}`;
    return {
      documents: [{ contents: null, errors: [{ code: 'yaml-syntax', message, ...start }] }],
      fast: false,
    };
  }
}

/** The code unit (hex) when the bytes at `offset` encode a surrogate on its own (as WTF-8 and CESU-8 do). */
function encodedSurrogate(bytes: Uint8Array, offset: number): string | undefined {
  const [a, b, c] = [bytes[offset], bytes[offset + 1], bytes[offset + 2]];
  if (a !== 0xed || b === undefined || c === undefined || b < 0xa0 || b > 0xbf || c < 0x80 || c > 0xbf)
    return undefined;
  return (0xd000 | ((b & 0x3f) << 6) | (c & 0x3f)).toString(16).toUpperCase();
}

/** Offset of the first byte that does not begin (or continue) a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const continuation = (at: number, low = 0x80, high = 0xbf) => {
    const b = bytes[at];
    return b !== undefined && b >= low && b <= high;
  };
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let length = 0;
    if (b < 0x80) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = continuation(i + 1) ? 2 : 0;
    else if (b === 0xe0) length = continuation(i + 1, 0xa0) && continuation(i + 2) ? 3 : 0;
    else if (b === 0xed) length = continuation(i + 1, 0x80, 0x9f) && continuation(i + 2) ? 3 : 0;
    else if (b >= 0xe1 && b <= 0xef) length = continuation(i + 1) && continuation(i + 2) ? 3 : 0;
    else if (b === 0xf0)
      length = continuation(i + 1, 0x90) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
    else if (b === 0xf4) {
      length = continuation(i + 1, 0x80, 0x8f) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
    } else if (b >= 0xf1 && b <= 0xf3) {
      length = continuation(i + 1) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
    }
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}
