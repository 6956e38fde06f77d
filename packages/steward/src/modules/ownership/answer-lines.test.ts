// answerChunk copies plain ASCII paths straight from stdin's bytes and writes every other chunk through
// JSON.stringify: either way it must print what stringifying each plain answer prints, for every way a
// chunk's lines can end.
import { describe, expect, it } from 'vitest';
import { answerChunk } from './answer-lines.ts';
import { compileCodeowners } from './codeowners/match.ts';
import {
  githubCodeowners,
  gitlabCodeowners,
  oddPaths,
  plainPaths,
} from './codeowners/odd-corpus.test-support.ts';

const github = compileCodeowners(githubCodeowners);
const gitlab = compileCodeowners(gitlabCodeowners, 'gitlab');

/** The answers for these paths, each `JSON.stringify` of the plain match, in the format's framing. */
function expected(matcher: typeof github, paths: string[], format: 'json' | 'jsonl'): string {
  const answers = paths.map((path) => JSON.stringify(matcher.match(path)));
  return format === 'jsonl' ? answers.map((a) => `${a}\n`).join('') : answers.map((a) => `,\n${a}`).join('');
}

const answered = (matcher: typeof github, input: string, format: 'json' | 'jsonl') =>
  Buffer.from(answerChunk(matcher, Buffer.from(input, 'utf8'), format)).toString('utf8');

describe('answerChunk', () => {
  it.each([
    ['plain ASCII, copied from the input', plainPaths(5_000, 3)],
    ['odd paths, through JSON.stringify', oddPaths(5_000, 3)],
    [
      'plain paths with one odd one among them',
      [...plainPaths(2_000, 5), 'données/été.md', ...plainPaths(50, 6)],
    ],
  ])('%s: the plain answers, both flavours and formats', (_, paths) => {
    for (const matcher of [github, gitlab]) {
      for (const format of ['jsonl', 'json'] as const) {
        expect(answered(matcher, `${paths.join('\n')}\n`, format)).toBe(expected(matcher, paths, format));
      }
    }
  });

  it('reads every line end as the command reads stdin', () => {
    const cases: [string, string[]][] = [
      ['a.md\r\nb.md\n', ['a.md', 'b.md']],
      ['a.md\n\n\r\nb.md', ['a.md', 'b.md']], // blank lines skipped, the last line without its end
      ['a.md\r', ['a.md']], // a carriage return ending the input ends its line
      ['a\rb.md\n', ['a\rb.md']], // one inside a line is part of the path, escaped
      ['\n\r\n', []],
      ['', []],
    ];
    for (const [input, paths] of cases) {
      expect(answered(github, input, 'jsonl'), JSON.stringify(input)).toBe(expected(github, paths, 'jsonl'));
    }
    // Hand-checked: a path copied as it is, and one with a carriage return inside it.
    expect(answered(github, 'docs/a.md\r\n', 'jsonl')).toBe(
      '{"path":"docs/a.md","owners":["@acme/writers"],"line":7,"pattern":"*.md"}\n', // the last match wins
    );
    expect(answered(github, 'x\ry.tf\n', 'jsonl')).toBe(
      '{"path":"x\\ry.tf","owners":["@acme/sre"],"line":6,"pattern":"*.tf"}\n',
    );
  });

  it('answers a chunk whose answers outgrow the first buffer', () => {
    // Short paths decided by a line with many owners: each answer is far longer than its path.
    const owners = Array.from({ length: 40 }, (_, i) => `@acme/team-${i}`).join(' ');
    const matcher = compileCodeowners(`* ${owners}\n`);
    const paths = Array.from({ length: 3_000 }, (_, i) => `f${i}`);
    expect(answered(matcher, paths.join('\n'), 'jsonl')).toBe(expected(matcher, paths, 'jsonl'));
  });
});
