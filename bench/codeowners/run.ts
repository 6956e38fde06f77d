// CODEOWNERS matching, 5,000 rules × 1,000,000 paths: Steward against the `codeowners` npm package,
// in the same run. The peer takes milliseconds a path, so it runs on a sample and is extrapolated.
// Then the whole command, `steward codeowners match` from stdin to JSON lines in a file with Node's
// start-up, against the same peer and against its own target of 2 s; every line it printed is checked.
// Run: `node bench/codeowners/run.ts` (Node 24) or `npm run bench -- codeowners`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileCodeowners } from '../../packages/steward/src/modules/ownership/index.ts';
import { seededRandom } from '../../packages/steward/src/platform/seeded-random.ts';
import { codeownersText, repositoryPaths, repositoryTree } from './corpus.ts';

const ruleCount = 5_000;
const pathCount = 1_000_000;
const peerSample = 300;
const target = 5_000;
const cliTargetSeconds = 2;

type Peer = { getOwner(path: string): string[] };
const Codeowners = createRequire(import.meta.url)('codeowners') as new (cwd: string) => Peer;
const peerVersion = (createRequire(import.meta.url)('codeowners/package.json') as { version: string })
  .version;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function main(): Promise<void> {
  const next = seededRandom(20_261_122);
  const tree = repositoryTree(next);
  const text = codeownersText(tree, ruleCount, next);
  const paths = repositoryPaths(tree, pathCount, next);
  const workDir = mkdtempSync(join(tmpdir(), 'bench-codeowners-'));
  writeFileSync(join(workDir, 'CODEOWNERS'), text);
  console.log(
    `CODEOWNERS matching: ${fmt(ruleCount)} rules × ${fmt(pathCount)} paths (deterministic corpus)`,
  );
  // Other work on the machine slows every figure below: say how busy it was.
  const [load1] = loadavg();
  console.log(`  machine: ${availableParallelism()} CPUs, load average ${fmt(load1 ?? 0, 2)} at the start`);

  const steward = measureSteward(text, paths);
  const peer = measurePeer(workDir, paths, steward.answer);
  const ratio = peer.msPerPath / (steward.msPerPath || Number.EPSILON);
  console.log(`  ratio:      ${fmt(ratio)}× faster per path (target ≥ ${fmt(target)}×)`);
  if (ratio < target) {
    console.log('  BELOW TARGET');
    process.exitCode = 1;
  }
  showPeerMistakes();
  return measureCli(workDir, paths, peer.msPerPath, steward.plainAnswer);
}

function measureSteward(text: string, paths: string[]) {
  const compileStart = performance.now();
  const matcher = compileCodeowners(text);
  const compileMs = performance.now() - compileStart;
  for (let i = 0; i < 50_000; i++) matcher.match(paths[i] as string); // warm up the JIT
  let owned = 0;
  let unowned = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (const path of paths) {
    const result = matcher.match(path);
    if (result.owners.length > 0) owned++;
    else if (result.line !== null) unowned++;
  }
  const totalMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const msPerPath = totalMs / paths.length;
  console.log(
    `  steward:    compiled in ${fmt(compileMs)} ms; matched all ${fmt(paths.length)} paths in ${fmt(totalMs / 1000, 2)} s = ${fmt(msPerPath * 1000, 2)} µs/path`,
  );
  console.log(
    `              (CPU time ${fmt((cpu.user + cpu.system) / paths.length, 2)} µs/path; wall time is what the ratio uses)`,
  );
  console.log(
    `              (${fmt((100 * owned) / paths.length, 1)}% owned, ${fmt((100 * unowned) / paths.length, 1)}% explicitly unowned, the rest unmatched)`,
  );
  return {
    msPerPath,
    answer: (path: string) => matcher.match(path).owners,
    plainAnswer: (path: string) => JSON.stringify(matcher.match(path)),
  };
}

function measurePeer(workDir: string, paths: string[], stewardOwners: (path: string) => string[]) {
  const peer = new Codeowners(workDir);
  const stride = Math.floor(paths.length / peerSample);
  const sample = Array.from({ length: peerSample }, (_, i) => paths[i * stride] as string);
  const answers: string[][] = [];
  const start = performance.now();
  for (const path of sample) answers.push(peer.getOwner(path));
  const totalMs = performance.now() - start;
  const msPerPath = totalMs / sample.length;
  const hours = (msPerPath * pathCount) / 3_600_000;
  console.log(
    `  codeowners ${peerVersion}: ${fmt(sample.length)} sampled paths (every ${fmt(stride)}th) in ${fmt(totalMs / 1000, 2)} s = ${fmt(msPerPath, 2)} ms/path`,
  );
  console.log(
    `              extrapolated, not run: ${fmt(pathCount)} paths would take about ${fmt(hours, 1)} h (${fmt((msPerPath * pathCount) / 1000)} s)`,
  );
  const differing = sample.filter((path, i) => !sameOwners(answers[i] as string[], stewardOwners(path)));
  console.log(
    `              answers differ from Steward's on ${differing.length} of the ${sample.length} sampled paths, e.g.`,
  );
  for (const path of differing.slice(0, 3)) {
    const peerAnswer = JSON.stringify(answers[sample.indexOf(path)]);
    console.log(
      `                ${path}: steward ${JSON.stringify(stewardOwners(path))}, peer ${peerAnswer}`,
    );
  }
  return { msPerPath };
}

/** Small cases where GitHub's documented semantics and the peer part ways. */
function showPeerMistakes(): void {
  const file = [
    '* @acme/all',
    '/docs/ @acme/docs',
    '/guides/* @acme/guides',
    '*.js @acme/js # frontend guild',
  ];
  const dir = mkdtempSync(join(tmpdir(), 'bench-codeowners-cases-'));
  writeFileSync(join(dir, 'CODEOWNERS'), `${file.join('\n')}\n`);
  const peer = new Codeowners(dir);
  const steward = compileCodeowners(file.join('\n'));
  console.log('\n  where the peer is wrong, for this CODEOWNERS:');
  for (const line of file) console.log(`      ${line}`);
  const cases: [string, string][] = [
    ['Docs/intro.md', 'paths are case sensitive: /docs/ does not own Docs/'],
    ['guides/advanced/setup.md', '/guides/* owns direct children only'],
    ['web/app.js', 'an inline comment is not owners'],
  ];
  for (const [path, why] of cases) {
    console.log(`    ${path.padEnd(26)} steward ${JSON.stringify(steward.match(path).owners)}`);
    console.log(`    ${''.padEnd(26)} peer    ${JSON.stringify(peer.getOwner(path))}   (${why})`);
  }
}

/**
 * The whole command, Node start-up included: every path through stdin, JSON lines into a file, as
 * `steward codeowners match … - < paths > owners.jsonl` runs. The file is read and checked after the
 * command has exited, so no reader in this process competes with the command for the machine. Judged
 * as it chooses its threads (the idle cores); then shown on one thread, what a busy machine gets.
 */
async function measureCli(
  workDir: string,
  paths: string[],
  peerMsPerPath: number,
  plainAnswer: (path: string) => string,
): Promise<void> {
  const pathsFile = join(workDir, 'paths.txt');
  writeFileSync(pathsFile, `${paths.join('\n')}\n`);
  for (const threads of [undefined, 1]) {
    const run = await runCli(workDir, pathsFile, threads);
    const ratio = (peerMsPerPath * paths.length) / 1000 / run.seconds;
    const checked = checkAnswers(run.outputFile, paths, plainAnswer);
    const how = threads === undefined ? 'threads as it chooses' : `--threads ${threads}`;
    console.log(
      `\n  steward codeowners match (CLI, stdin → jsonl, Node start-up included, ${how}): ${fmt(checked.lines)} lines in ${fmt(run.seconds, 2)} s, exit ${run.code}${threads === undefined ? ` (target < ${cliTargetSeconds} s)` : ''}`,
    );
    console.log(
      `              ${fmt(ratio)}× the peer's extrapolated time for the same paths${threads === undefined ? ` (target ≥ ${fmt(target)}×)` : ''}`,
    );
    if (run.cpuSeconds !== null) {
      console.log(
        `              (CPU time ${fmt(run.cpuSeconds, 2)} s over all its threads, start-up included: what it costs whatever else runs)`,
      );
    }
    if (checked.firstWrong !== undefined) {
      console.log(
        `  WRONG: line ${checked.firstWrong} is not the engine's answer for path ${checked.firstWrong}`,
      );
    }
    if (run.code !== 0 || checked.lines !== paths.length || checked.firstWrong !== undefined)
      process.exitCode = 1;
    if (threads === undefined && (run.seconds >= cliTargetSeconds || ratio < target)) {
      console.log('  BELOW TARGET');
      process.exitCode = 1;
    }
  }
}

async function runCli(workDir: string, pathsFile: string, threads: number | undefined) {
  const outputFile = join(workDir, 'owners.jsonl');
  const binary = resolve(import.meta.dirname, '../../packages/steward/bin/steward.js');
  const args = [binary, 'codeowners', 'match', '--file', join(workDir, 'CODEOWNERS'), '--format', 'jsonl'];
  if (threads !== undefined) args.push('--threads', String(threads));
  args.push('-');
  const cpuBefore = childrenCpuSeconds();
  const start = performance.now();
  const child = spawn(process.execPath, args, {
    stdio: [openSync(pathsFile, 'r'), openSync(outputFile, 'w'), 'inherit'],
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const seconds = (performance.now() - start) / 1000;
  const cpuAfter = childrenCpuSeconds();
  const cpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  return { code, seconds, cpuSeconds, outputFile };
}

/** Each line the command printed against `JSON.stringify` of the engine's answer for that path. */
function checkAnswers(outputFile: string, paths: string[], plainAnswer: (path: string) => string) {
  const text = readFileSync(outputFile, 'utf8');
  let lines = 0;
  let firstWrong: number | undefined;
  for (let start = 0; start < text.length; lines++) {
    const end = text.indexOf('\n', start);
    if (end < 0) break;
    const path = paths[lines];
    const right = path !== undefined && text.slice(start, end) === plainAnswer(path);
    if (!right && firstWrong === undefined) firstWrong = lines + 1;
    start = end + 1;
  }
  return { lines, firstWrong };
}

/**
 * CPU seconds (user + system) of this process's finished children, from /proc on Linux (clock ticks
 * at USER_HZ, 100 a second); null elsewhere.
 */
function childrenCpuSeconds(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  // Fields after the command name, which is in parentheses and may hold spaces: cutime and cstime are
  // the 16th and 17th fields of the whole line.
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function sameOwners(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((owner, i) => owner === b[i]);
}

await main();
