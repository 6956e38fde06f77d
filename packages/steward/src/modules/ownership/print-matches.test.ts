// The command line's fast path (stdin a megabyte at a time, answers made from remembered lines, worker
// threads for a long stdin) must print exactly what the engine's plain answers give, stringified one
// by one: for a long, odd stdin, read in awkward pieces, on one thread and on several.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compileCodeowners } from './codeowners/match.ts';
import type { CodeownersFlavor } from './codeowners/model.ts';
import {
  githubCodeowners,
  gitlabCodeowners,
  oddPaths,
  plainPaths,
} from './codeowners/odd-corpus.test-support.ts';
import { printMatches } from './print-matches.ts';

// About 2.5 MB each: more than two chunks, so worker threads take part. Odd paths go through
// JSON.stringify; plain ASCII ones are copied from stdin's bytes, but for the chunk holding the one odd
// path among them.
const corpora = {
  odd: oddPaths(60_000, 11),
  plain: [...plainPaths(40_000, 11), 'données/été.md', ...plainPaths(40_000, 12)],
};
type Corpus = keyof typeof corpora;
/** Line ends as people's files have them: mostly \n, some \r\n, some blank lines. */
const stdinOf = (paths: string[]) =>
  Buffer.from(
    paths
      .map((path, i) => (i % 7 === 0 ? `${path}\r\n` : i % 11 === 0 ? `${path}\n\n` : `${path}\n`))
      .join(''),
    'utf8',
  );
const stdinBytes = { odd: stdinOf(corpora.odd), plain: stdinOf(corpora.plain) };

/** What printing each answer of the plain engine gives, written out by hand from the contract. */
function expectedOutput(
  flavor: CodeownersFlavor,
  text: string,
  args: string[],
  format: 'json' | 'jsonl',
  corpus: Corpus = 'odd',
) {
  const paths = corpora[corpus];
  const matcher = compileCodeowners(text, flavor);
  // stdin is read once: a second '-' adds nothing.
  const asked = args.flatMap((arg, i) => (arg !== '-' ? [arg] : args.indexOf('-') === i ? paths : []));
  const objects = asked.map((path) => JSON.stringify(matcher.match(path)));
  if (format === 'jsonl') return objects.map((o) => `${o}\n`).join('');
  return objects.length === 0 ? '[]\n' : `[\n${objects.join(',\n')}\n]\n`;
}

/** stdin in pieces of 1 to 70,000 bytes, so lines and UTF-8 characters are cut at every kind of place. */
function awkwardStdin(bytes: Buffer): Readable {
  const pieces: Buffer[] = [];
  let size = 1;
  for (let at = 0; at < bytes.length; at += size) {
    size = 1 + ((size * 7919 + at) % 70_000);
    pieces.push(bytes.subarray(at, at + size));
  }
  return Readable.from(pieces);
}

async function printed(
  flavor: CodeownersFlavor,
  text: string,
  args: string[],
  format: 'json' | 'jsonl',
  threads: number,
  corpus: Corpus,
) {
  const out: Buffer[] = [];
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      out.push(Buffer.from(chunk));
      done();
    },
  });
  const stdin = () => awkwardStdin(stdinBytes[corpus]);
  await printMatches(args, { text, flavor, format, threads, stdin, stdout });
  return Buffer.concat(out).toString('utf8');
}

describe('printMatches', () => {
  it.each([
    ['github', 'jsonl', 1, 'odd'],
    ['github', 'jsonl', 3, 'odd'],
    ['github', 'json', 2, 'odd'],
    ['gitlab', 'jsonl', 3, 'odd'],
    ['gitlab', 'json', 1, 'odd'],
    ['github', 'jsonl', 2, 'plain'],
    ['github', 'json', 1, 'plain'],
    ['gitlab', 'jsonl', 1, 'plain'],
  ] as const)(
    '%s, %s, %i thread(s), %s paths: the plain answers, byte for byte',
    async (flavor, format, threads, corpus) => {
      const text = flavor === 'github' ? githubCodeowners : gitlabCodeowners;
      const args = ['first.md', '-', 'last.tf', '-'];
      const output = await printed(flavor, text, args, format, threads, corpus);
      expect(output.length).toBeGreaterThan(5_000_000);
      // Compared whole, then the first differing line named, so a failure says where.
      const want = expectedOutput(flavor, text, args, format, corpus);
      if (output !== want) {
        const got = output.split('\n');
        const wantLines = want.split('\n');
        const at = wantLines.findIndex((line, i) => line !== got[i]);
        expect(got[at], `line ${at + 1}`).toBe(wantLines[at]);
      }
    },
  );

  it('prints an empty array, or nothing, for an empty stdin', async () => {
    const outputs: string[] = [];
    for (const format of ['json', 'jsonl'] as const) {
      let text = '';
      const stdout = new Writable({
        write(chunk, _encoding, done) {
          text += chunk.toString();
          done();
        },
      });
      const stdin = () => Readable.from([Buffer.from('\n\r\n')]);
      await printMatches(['-'], { text: githubCodeowners, flavor: 'github', format, stdin, stdout });
      outputs.push(text);
    }
    expect(outputs).toEqual(['[]\n', '']);
  });
});

describe('steward codeowners match on a long stdin', () => {
  const binary = resolve(import.meta.dirname, '../../../bin/steward.js');
  const dir = mkdtempSync(join(tmpdir(), 'steward-print-matches-'));
  const file = join(dir, 'CODEOWNERS');
  writeFileSync(file, githubCodeowners);

  /** The command with a corpus on stdin, through a pipe or (`fromFile`) as a file it can size first. */
  const run = (
    args: string[],
    { corpus = 'odd', fromFile = false }: { corpus?: Corpus; fromFile?: boolean } = {},
    onStdout?: (child: ReturnType<typeof spawn>, text: string) => void,
  ) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const stdinFile = join(dir, `${corpus}.txt`);
      if (fromFile) writeFileSync(stdinFile, stdinBytes[corpus]);
      const stdin = fromFile ? openSync(stdinFile, 'r') : 'pipe';
      const child = spawn(process.execPath, [binary, 'codeowners', 'match', '--file', file, ...args], {
        stdio: [stdin, 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8');
      child.stdout?.on('data', (d: string) => {
        stdout += d;
        onStdout?.(child, stdout);
      });
      child.stderr?.on('data', (d) => (stderr += d));
      child.stdin?.on('error', () => {}); // a reader that left early stops reading too
      child.stdin?.end(stdinBytes[corpus]);
      child.on('close', (code) => {
        if (typeof stdin === 'number') closeSync(stdin);
        done({ code, stdout, stderr });
      });
    });

  it('prints the plain answers for every path, in order', async () => {
    const result = await run(['--format', 'jsonl', 'first.md', '-']);
    expect(result.code).toBe(0);
    expect(result.stdout === expectedOutput('github', githubCodeowners, ['first.md', '-'], 'jsonl')).toBe(
      true,
    );
  });

  it('prints the same for stdin a file, which two threads start on at once', async () => {
    const result = await run(['--format', 'json', '--threads', '2', '-', 'last.md'], {
      corpus: 'plain',
      fromFile: true,
    });
    expect(result.code).toBe(0);
    const want = expectedOutput('github', githubCodeowners, ['-', 'last.md'], 'json', 'plain');
    expect(result.stdout.length).toBe(want.length);
    expect(result.stdout === want).toBe(true);
  });

  it('refuses a thread count that is not a whole number from 1 to 64', async () => {
    for (const threads of ['0', '1.5', '65', 'many']) {
      const result = await run(['--threads', threads, 'a.md']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `argument '${threads}' is invalid. It must be a whole number from 1 to 64`,
      );
    }
  });

  it('ends quietly with exit 0 when the reader leaves early (| head)', async () => {
    const result = await run(['--format', 'jsonl', '-'], {}, (child, text) => {
      if (text.includes('\n')) child.stdout?.destroy();
    });
    expect(result.code).toBe(0);
    // Only the two lines GitHub rejects: no EPIPE, no stack trace.
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/CODEOWNERS:22: .*negation/),
      expect.stringMatching(/CODEOWNERS:23: .*character ranges/),
    ]);
  });
});
