// Prints `steward codeowners match`'s answers for the arguments in order, `-` standing for stdin. A long
// stdin is answered a megabyte at a time by this thread and worker threads together (a chunk goes to a
// worker while it has little queued, else this thread answers it), and printed in input order; a short
// one by this thread alone. Either way the bytes printed are the same.
import { availableParallelism, loadavg } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { answerLines, type MatchFormat } from './answer-lines.ts';
import type { CodeownersMatcher } from './codeowners/model.ts';
import { MatchWorkers } from './match-workers.ts';
import { ChunkedWriter, chunkSize, linesIn, stdinStream, wholeLineChunks } from './path-stream.ts';

export interface MatchRun {
  matcher: CodeownersMatcher;
  /** The CODEOWNERS text, for worker threads to compile again. */
  text: string;
  format: MatchFormat;
  /** Threads a long stdin may use, this one included (default: as many as cores are idle); 1: this one. */
  threads?: number;
  stdin?: () => Readable;
  stdout?: Writable;
}

/** Chunks queued per worker: enough that it never waits for the next, few enough to bound memory. */
const workerBacklog = 2;

export async function printMatches(args: string[], run: MatchRun): Promise<void> {
  const { matcher, format } = run;
  const out = new ChunkedWriter(run.stdout ?? process.stdout);
  let opened = false;
  const emit = async (chunk: string | Uint8Array) => {
    if (chunk.length === 0) return;
    if (format === 'json' && !opened) {
      await out.write('[');
      chunk = typeof chunk === 'string' ? chunk.slice(1) : chunk.subarray(1); // the first answer's `,`
    }
    opened = true;
    await out.write(chunk);
  };

  let stdinRead = false;
  for (const arg of args) {
    if (out.closed) return;
    if (arg !== '-') await emit(answerLines(matcher, [arg], format));
    else if (!stdinRead) {
      stdinRead = true;
      await answerStdin(run, emit, () => out.closed);
    }
  }
  if (format === 'json') await out.write(opened ? '\n]\n' : '[]\n');
}

async function answerStdin(
  run: MatchRun,
  emit: (chunk: string | Uint8Array) => Promise<void>,
  closed: () => boolean,
): Promise<void> {
  const threads = run.threads ?? idleCores();
  let workers: MatchWorkers | undefined;
  const answered: Promise<string | Uint8Array>[] = [];
  try {
    for await (const bytes of wholeLineChunks((run.stdin ?? stdinStream)())) {
      if (closed()) return;
      // Only a long stdin is worth starting threads for: a short one is over before they are ready.
      if (workers === undefined && threads > 1 && bytes.length >= chunkSize) {
        const data = { text: run.text, flavor: run.matcher.flavor, format: run.format };
        workers = new MatchWorkers(threads - 1, data);
      }
      if (workers !== undefined && workers.backlog < workerBacklog) {
        const answer = workers.answer(bytes);
        answer.catch(() => {}); // a failed worker is reported where its answer is awaited, once
        answered.push(answer);
      } else
        answered.push(Promise.resolve(answerLines(run.matcher, linesIn(bytes.toString('utf8')), run.format)));
      // Print what is ready in order, and wait for the oldest once too many are outstanding.
      while (answered.length > threads * workerBacklog)
        await emit(await (answered.shift() as Promise<string | Uint8Array>));
    }
    for (const answer of answered) if (!closed()) await emit(await answer);
  } finally {
    await workers?.close();
  }
}

/**
 * Cores no one else is using (up to 4), this thread's own included. Worker threads only pay where a
 * core is idle: on a busy machine a second thread waits for its turn, and costs more than it gives.
 */
function idleCores(): number {
  const cores = availableParallelism();
  const busy = loadavg()[0] ?? 0;
  return Math.max(1, Math.min(4, cores, Math.ceil(cores - busy)));
}
