// Streaming for `steward codeowners match`: stdin read a megabyte at a time and cut at line ends, answers
// written in chunks of about as much, so millions of paths never sit in memory at once and cost a
// handful of reads and writes rather than one per path.
import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

/** How much of stdin is read, and answered, at once. */
export const chunkSize = 1 << 20;

/** Standard input read in large chunks (process.stdin reads 64 KiB at a time). */
export function stdinStream(): Readable {
  return createReadStream('', { fd: 0, highWaterMark: chunkSize, autoClose: false });
}

/**
 * The input in pieces of at least `chunkSize` bytes (the last may be smaller), each ending at a line
 * end, so no line and no UTF-8 character is split between two pieces.
 */
export async function* wholeLineChunks(input: Readable): AsyncGenerator<Buffer> {
  let held: Buffer[] = [];
  let heldBytes = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    held.push(chunk);
    heldBytes += chunk.length;
    if (heldBytes < chunkSize) continue;
    const bytes = held.length === 1 ? (held[0] as Buffer) : Buffer.concat(held, heldBytes);
    const end = bytes.lastIndexOf(10) + 1;
    if (end === 0) continue; // one line longer than a chunk: wait for its end
    yield bytes.subarray(0, end);
    held = end < bytes.length ? [bytes.subarray(end)] : [];
    heldBytes = bytes.length - end;
  }
  if (heldBytes > 0) yield Buffer.concat(held, heldBytes);
}

/** The non-empty lines of `text`, without their `\r\n` or `\n`. */
export function linesIn(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (stop > start) lines.push(text.slice(start, stop));
    start = end + 1;
  }
  return lines;
}

/** Writes large chunks, waiting when the reader is slow; stops quietly once the reader has gone. */
export class ChunkedWriter {
  private readonly output: Writable;
  /** Set when the reader has gone away (e.g. `| head`): there is no point in writing more. */
  closed = false;

  constructor(output: Writable) {
    this.output = output;
    output.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      this.closed = true;
    });
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    if (chunk.length === 0 || this.closed) return;
    if (this.output.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.output.off('drain', done);
        this.output.off('close', done);
        resolve();
      };
      this.output.on('drain', done);
      this.output.on('close', done);
    });
  }
}
