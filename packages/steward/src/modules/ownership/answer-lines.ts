// The text `steward codeowners match` prints for a batch of paths, made the same way on the main thread
// and in the worker threads that share a long list.
import type { CodeownersMatcher } from './codeowners/model.ts';

export type MatchFormat = 'json' | 'jsonl';

/**
 * jsonl: each answer and a newline. json: each answer after `,\n`; the writer turns the first `,` into
 * `[` and closes the array, so batches answered apart join into one document.
 */
export function answerLines(matcher: CodeownersMatcher, paths: string[], format: MatchFormat): string {
  let text = '';
  if (format === 'jsonl') for (const path of paths) text += `${matcher.answerJson(path)}\n`;
  else for (const path of paths) text += `,\n${matcher.answerJson(path)}`;
  return text;
}
