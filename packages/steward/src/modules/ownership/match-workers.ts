// Worker threads for long lists of paths: each compiles the CODEOWNERS once and answers whole-line chunks
// of stdin it is sent; answers come back as bytes, and the caller prints them in the order it asked.
import { getCompileCacheDir } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { MatchFormat } from './answer-lines.ts';
import type { CodeownersFlavor } from './codeowners/model.ts';

export interface MatchWorkerData {
  text: string;
  flavor: CodeownersFlavor;
  format: MatchFormat;
}

export interface MatchWorkerRequest {
  id: number;
  bytes: Uint8Array;
}

export interface MatchWorkerReply {
  id: number;
  output: Uint8Array;
}

interface Waiting {
  resolve(output: Uint8Array): void;
  reject(error: Error): void;
}

/**
 * Worker threads, none until `start` (never, for a short stdin). Each compiles the CODEOWNERS again;
 * they reuse the command's compile cache, so their own code loads as quickly as the command's did.
 */
export class MatchWorkers {
  private readonly data: MatchWorkerData;
  private workers: Worker[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private closing = false;

  constructor(data: MatchWorkerData) {
    this.data = data;
  }

  get count(): number {
    return this.workers.length;
  }

  get started(): boolean {
    return this.workers.length > 0;
  }

  start(count: number): void {
    if (this.started || this.closing) return;
    const entry = new URL('./match-worker.ts', import.meta.url);
    const cacheDir = getCompileCacheDir();
    const env = cacheDir === undefined ? process.env : { ...process.env, NODE_COMPILE_CACHE: cacheDir };
    this.workers = Array.from({ length: count }, () => {
      const worker = new Worker(entry, { workerData: this.data, env });
      worker.on('message', ({ id, output }: MatchWorkerReply) => {
        this.waiting.get(id)?.resolve(output);
        this.waiting.delete(id);
      });
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', (code) => {
        if (!this.closing) this.failAll(new Error(`a matching thread stopped early (exit code ${code})`));
      });
      return worker;
    });
  }

  /** Chunks sent and not yet answered, per worker. */
  get backlog(): number {
    return this.waiting.size / this.workers.length;
  }

  /** The printed answers for a chunk of whole lines; chunks are shared out in turn. */
  answer(bytes: Uint8Array): Promise<Uint8Array> {
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length] as Worker;
    // A copy of exactly these bytes, handed over rather than cloned.
    const own = new Uint8Array(bytes);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const request: MatchWorkerRequest = { id, bytes: own };
      worker.postMessage(request, [own.buffer]);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private failAll(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
