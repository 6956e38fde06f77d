// A worker thread of `steward codeowners match`: compiles the same CODEOWNERS and answers the chunks of
// stdin it is sent, each whole lines, with the bytes to print.
import { parentPort, workerData } from 'node:worker_threads';
import { answerChunk } from './answer-lines.ts';
import { compileCodeowners } from './codeowners/match.ts';
import type { MatchWorkerData, MatchWorkerReply, MatchWorkerRequest } from './match-workers.ts';

const { text, flavor, format } = workerData as MatchWorkerData;
const matcher = compileCodeowners(text, flavor);

parentPort?.on('message', ({ id, bytes }: MatchWorkerRequest) => {
  const output = answerChunk(matcher, bytes, format);
  const reply: MatchWorkerReply = { id, output };
  parentPort?.postMessage(reply, [output.buffer]);
});
