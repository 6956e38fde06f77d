// `steward who-owns` for many things: `-` reads them from stdin, a server is asked 1,000 at a time
// (POST /api/v1/who-owns), and answers are printed batch by batch, so a long list never waits whole.
import type { Readable } from 'node:stream';
import type { ApiClient } from '../../platform/cli/client.ts';
import { linesIn, stdinStream, wholeLineChunks } from './path-stream.ts';
import { type WhoOwnsAnswer, whoOwnsBatchLimit, whoOwnsResponseSchema } from './schemas.ts';
import { answerLine } from './who-owns/answer-text.ts';

/** The arguments in order, `-` standing for stdin's lines (read once; empty lines skipped). */
export async function thingsFrom(args: string[], openStdin: () => Readable = stdinStream): Promise<string[]> {
  const things: string[] = [];
  let stdinRead = false;
  for (const arg of args) {
    if (arg !== '-') things.push(arg);
    else if (!stdinRead) {
      stdinRead = true;
      for await (const bytes of wholeLineChunks(openStdin())) things.push(...linesIn(bytes.toString('utf8')));
    }
  }
  return things;
}

/** Asks the server in batches of at most `whoOwnsBatchLimit`, handing over each batch's answers in order. */
export async function askInBatches(
  client: ApiClient,
  things: string[],
  repository: string | undefined,
  onAnswers: (answers: WhoOwnsAnswer[]) => void,
): Promise<void> {
  for (let start = 0; start < things.length; start += whoOwnsBatchLimit) {
    const body = { things: things.slice(start, start + whoOwnsBatchLimit), repository };
    onAnswers((await client.request('POST', '/api/v1/who-owns', whoOwnsResponseSchema, body)).items);
  }
}

/**
 * Prints answers as they come: text one line each; json the same bytes as `JSON.stringify(all, null, 2)`
 * would give for the whole list, written a batch at a time.
 */
export class AnswerPrinter {
  private readonly format: 'text' | 'json';
  private printed = 0;

  constructor(format: 'text' | 'json') {
    this.format = format;
  }

  print(answers: WhoOwnsAnswer[]): void {
    if (answers.length === 0) return;
    if (this.format === 'text') {
      process.stdout.write(answers.map((answer) => `${answerLine(answer)}\n`).join(''));
    } else {
      // An array element is its own indented JSON, each line two spaces further in.
      const items = answers.map((answer) => `  ${JSON.stringify(answer, null, 2).replaceAll('\n', '\n  ')}`);
      process.stdout.write(`${this.printed === 0 ? '[\n' : ',\n'}${items.join(',\n')}`);
    }
    this.printed += answers.length;
  }

  end(): void {
    if (this.format === 'json') process.stdout.write(this.printed === 0 ? '[]\n' : '\n]\n');
  }
}
