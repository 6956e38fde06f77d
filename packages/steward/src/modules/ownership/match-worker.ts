// A worker thread of `steward codeowners match`: compiles the same CODEOWNERS and answers the chunks of
// stdin it is sent, each whole lines, with the bytes to print.
import { parentPort, workerData } from 'node:worker_threads';
import { answerLines } from './answer-lines.ts';
import { compileCodeowners } from './codeowners/match.ts';
import type { MatchWorkerData, MatchWorkerReply, MatchWorkerRequest } from './match-workers.ts';
import { linesIn } from './path-stream.ts';

const { text, flavor, format } = workerData as MatchWorkerData;
const matcher = compileCodeowners(text, flavor);
const encoder = new TextEncoder();

parentPort?.on('message', ({ id, bytes }: MatchWorkerRequest) => {
  const output = encoder.encode(
    answerLines(
      matcher,
      linesIn(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')),
      format,
    ),
  );
  const reply: MatchWorkerReply = { id, output };
  parentPort?.postMessage(reply, [output.buffer]);
});
