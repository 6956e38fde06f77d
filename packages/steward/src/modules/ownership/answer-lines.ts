// The bytes `steward codeowners match` prints for a batch of paths, made the same way on the main thread
// and in the worker threads that share a long list.
import { answerJson, type CodeownersMatcher } from './codeowners/model.ts';
import { linesIn } from './path-stream.ts';

export type MatchFormat = 'json' | 'jsonl';

/**
 * jsonl: each answer and a newline. json: each answer after `,\n`; the writer turns the first `,` into
 * `[` and closes the array, so batches answered apart join into one document.
 */
export function answerLines(matcher: CodeownersMatcher, paths: string[], format: MatchFormat): string {
  let text = '';
  if (format === 'jsonl') for (const path of paths) text += `${answerJson(matcher, path)}\n`;
  else for (const path of paths) text += `,\n${answerJson(matcher, path)}`;
  return text;
}

/**
 * A byte outside printable ASCII, a `"` or `\` (JSON escapes these, or UTF-8 decoding could change
 * them), or a carriage return other than one ending a line (a path keeps it, escaped).
 */
const needsEscaping = /[^\n\r\x20\x21\x23-\x5b\x5d-\x7e]|\r(?!\n|$)/;

const quote = 0x22;
const newline = 0x0a;
const carriageReturn = 0x0d;
/** What comes before each path: jsonl's answers stand alone, json's follow a `,` (see answerLines). */
const openings = { jsonl: Buffer.from('{"path":"'), json: Buffer.from(',\n{"path":"') };

/**
 * The answers for a chunk of whole lines of stdin (blank lines skipped, `\r\n` read as a line end), as
 * `answerLines` prints them. Where every path in the chunk is plain printable ASCII, as `git ls-files`
 * prints them, its JSON string is the input's own bytes in quotes: each answer is copied together
 * from the path's bytes and its deciding line's tail, with no string made for it.
 */
export function answerChunk(
  matcher: CodeownersMatcher,
  bytes: Uint8Array,
  format: MatchFormat,
): Uint8Array<ArrayBuffer> {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = input.toString('latin1');
  if (needsEscaping.test(text))
    return Buffer.from(answerLines(matcher, linesIn(input.toString('utf8')), format));
  const opening = openings[format];
  let output: Buffer<ArrayBuffer> = Buffer.allocUnsafe(input.length * 3 + 4096);
  let at = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const stop = end > start && input[end - 1] === carriageReturn ? end - 1 : end;
    if (stop > start) {
      const tail = matcher.answerTail(text.slice(start, stop)).bytes;
      const needed = opening.length + (stop - start) + 1 + tail.length + 1;
      if (at + needed > output.length) output = grown(output, at, needed);
      for (let i = 0; i < opening.length; i++) output[at++] = opening[i] as number;
      for (let i = start; i < stop; i++) output[at++] = input[i] as number;
      output[at++] = quote;
      for (let i = 0; i < tail.length; i++) output[at++] = tail[i] as number;
      if (format === 'jsonl') output[at++] = newline;
    }
    start = end + 1;
  }
  return output.subarray(0, at);
}

/** A buffer twice as large (at least `needed` more than `used`) holding the first `used` bytes. */
function grown(output: Buffer, used: number, needed: number): Buffer<ArrayBuffer> {
  const larger = Buffer.allocUnsafe(Math.max(output.length * 2, used + needed));
  output.copy(larger, 0, 0, used);
  return larger;
}
