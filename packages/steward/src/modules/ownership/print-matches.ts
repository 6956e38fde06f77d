// Prints `steward codeowners match`'s answers for the arguments in order, `-` standing for stdin. A long
// stdin is answered a megabyte at a time by this thread and worker threads together (a chunk goes to a
// worker while it has little queued, else this thread answers it), and printed in input order; a short
// one by this thread alone. Either way the bytes printed are the same.
import { fstatSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { answerChunk, answerLines, type MatchFormat } from './answer-lines.ts';
import { compileCodeowners } from './codeowners/match.ts';
import type { CodeownersFlavor, CodeownersMatcher, CodeownersProblem } from './codeowners/model.ts';
import { MatchWorkers } from './match-workers.ts';
import { ChunkedWriter, chunkSize, stdinStream, wholeLineChunks } from './path-stream.ts';

export interface MatchRun {
  /** The CODEOWNERS text: compiled here, and again by each worker thread. */
  text: string;
  flavor: CodeownersFlavor;
  format: MatchFormat;
  /** Told the lines the platform would reject once the file is compiled, before any answer. */
  problems?: (problems: CodeownersProblem[]) => void;
  /** Threads a long stdin may use, this one included (default: as many as cores are idle); 1: this one. */
  threads?: number;
  /** Default: the process's own stdin. */
  stdin?: () => Readable;
  stdout?: Writable;
}

/** Chunks queued per worker: enough that it never waits for the next, few enough to bound memory. */
const workerBacklog = 2;

export async function printMatches(args: string[], run: MatchRun): Promise<void> {
  const { format } = run;
  const workers = new MatchWorkers({ text: run.text, flavor: run.flavor, format });
  // A long stdin known before it is read (a file, not a pipe): the worker threads start now and compile
  // the CODEOWNERS while this thread does. A pipe's length shows only as it is read.
  if (args.includes('-') && run.stdin === undefined && stdinFileSize() >= chunkSize) shareOut(run, workers);
  try {
    const matcher = compileCodeowners(run.text, run.flavor);
    run.problems?.(matcher.problems);
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
        await answerStdin(run, matcher, workers, emit, () => out.closed);
      }
    }
    if (format === 'json') await out.write(opened ? '\n]\n' : '[]\n');
  } finally {
    await workers.close();
  }
}

async function answerStdin(
  run: MatchRun,
  matcher: CodeownersMatcher,
  workers: MatchWorkers,
  emit: (chunk: string | Uint8Array) => Promise<void>,
  closed: () => boolean,
): Promise<void> {
  const answered: Promise<string | Uint8Array>[] = [];
  for await (const bytes of wholeLineChunks((run.stdin ?? stdinStream)())) {
    if (closed()) return;
    // Only a long stdin is worth starting threads for: a short one is over before they are ready. A
    // chunk ends at a line end, so a full one can be a line short of chunkSize.
    if (bytes.length >= chunkSize / 2) shareOut(run, workers);
    if (workers.started && workers.backlog < workerBacklog) {
      const answer = workers.answer(bytes);
      answer.catch(() => {}); // a failed worker is reported where its answer is awaited, once
      answered.push(answer);
    } else answered.push(Promise.resolve(answerChunk(matcher, bytes, run.format)));
    // Print what is ready in order, and wait for the oldest once too many are outstanding.
    while (answered.length > (workers.count + 1) * workerBacklog)
      await emit(await (answered.shift() as Promise<string | Uint8Array>));
  }
  for (const answer of answered) if (!closed()) await emit(await answer);
}

/**
 * Starts the worker threads if the run may use more than this one: as many as asked, or as cores are
 * idle. Until they start, every chunk asks again, so a machine busy for a moment gets them a chunk later.
 */
function shareOut(run: MatchRun, workers: MatchWorkers): void {
  if (workers.started) return;
  const threads = run.threads ?? idleCores();
  if (threads > 1) workers.start(threads - 1);
}

/** The size of stdin when it is a regular file; 0 for a pipe, a terminal or none. */
function stdinFileSize(): number {
  try {
    const stat = fstatSync(0);
    return stat.isFile() ? stat.size : 0;
  } catch {
    return 0;
  }
}

/**
 * Cores no one else is using (up to 4), this thread's own included. Worker threads only pay where a
 * core is idle: on a busy machine a second thread waits for its turn, and costs more than it gives.
 * How busy: the 1-minute load average, unless the tasks runnable right now (Linux) say less, as they
 * do just after a burst of work has ended, which the average remembers for a minute.
 */
function idleCores(): number {
  const cores = availableParallelism();
  const others = runnableNow();
  const busy = Math.min(loadavg()[0] ?? 0, others === null ? Number.POSITIVE_INFINITY : others);
  return Math.max(1, Math.min(4, cores, Math.ceil(cores - busy)));
}

/** Other tasks runnable at this moment (the running count in /proc/loadavg, less this thread). */
function runnableNow(): number | null {
  try {
    const running = /\s(\d+)\/\d+\s/.exec(readFileSync('/proc/loadavg', 'latin1'))?.[1];
    return running === undefined ? null : Math.max(0, Number(running) - 1);
  } catch {
    return null;
  }
}
