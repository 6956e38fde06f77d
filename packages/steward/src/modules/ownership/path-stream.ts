// Streaming for `steward codeowners match`: paths in from arguments and stdin line by line, answers out
// in chunks with backpressure, so millions of paths never sit in memory as one string.
import type { Readable, Writable } from 'node:stream';

/** Each argument in order; `-` stands for the newline-separated paths read from `stdin` (once). */
export async function* pathsFrom(args: string[], stdin: Readable): AsyncGenerator<string> {
  let stdinRead = false;
  for (const arg of args) {
    if (arg !== '-') yield arg;
    else if (!stdinRead) {
      stdinRead = true;
      yield* linesOf(stdin);
    }
  }
}

async function* linesOf(input: Readable): AsyncGenerator<string> {
  input.setEncoding('utf8');
  let carry = '';
  for await (const chunk of input as AsyncIterable<string>) {
    const text = carry + chunk;
    let start = 0;
    let end = text.indexOf('\n');
    while (end >= 0) {
      const line = trimLine(text.slice(start, end));
      if (line !== '') yield line;
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    carry = text.slice(start);
  }
  const last = trimLine(carry);
  if (last !== '') yield last;
}

function trimLine(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Collects small strings and writes them in chunks of about 64 KiB, waiting when the reader is slow. */
export class ChunkedWriter {
  private readonly output: Writable;
  private pending: string[] = [];
  private pendingLength = 0;
  /** Set when the reader has gone away (e.g. `| head`): there is no point in writing more. */
  closed = false;

  constructor(output: Writable) {
    this.output = output;
    output.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      this.closed = true;
    });
  }

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= 65_536) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0 || this.closed) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (!this.output.write(chunk)) {
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
}
